savedcmd_helper.o := gcc -Wp,-MMD,./.helper.o.d -nostdinc -I/root/.cache/pymodpost/x86_64-7.3/src/arch/x86/include -I/root/.cache/pymodpost/x86_64-7.3/build/arch/x86/include/generated -I/root/.cache/pymodpost/x86_64-7.3/src/include -I/root/.cache/pymodpost/x86_64-7.3/build/include -I/root/.cache/pymodpost/x86_64-7.3/src/arch/x86/include/uapi -I/root/.cache/pymodpost/x86_64-7.3/build/arch/x86/include/generated/uapi -I/root/.cache/pymodpost/x86_64-7.3/src/include/uapi -I/root/.cache/pymodpost/x86_64-7.3/build/include/generated/uapi -include /root/.cache/pymodpost/x86_64-7.3/src/include/linux/compiler-version.h -include /root/.cache/pymodpost/x86_64-7.3/src/include/linux/kconfig.h -D__KERNEL__ -D__ASSEMBLY__ -fno-PIE -m64 -DCC_USING_FENTRY  -DMODULE  -DKBUILD_MODNAME='"asm_export"' -D__KBUILD_MODNAME=asm_export -c -o helper.o helper.S 

source_helper.o := helper.S

deps_helper.o := \
    $(wildcard include/config/X86) \
  /root/.cache/pymodpost/x86_64-7.3/src/include/linux/compiler-version.h \
    $(wildcard include/config/CC_VERSION_TEXT) \
  /root/.cache/pymodpost/x86_64-7.3/src/include/linux/kconfig.h \
    $(wildcard include/config/CPU_BIG_ENDIAN) \
    $(wildcard include/config/BOOGER) \
    $(wildcard include/config/FOO) \
  /root/.cache/pymodpost/x86_64-7.3/src/include/linux/linkage.h \
    $(wildcard include/config/FUNCTION_ALIGNMENT) \
    $(wildcard include/config/ARCH_USE_SYM_ANNOTATIONS) \
  /root/.cache/pymodpost/x86_64-7.3/src/include/linux/compiler_types.h \
    $(wildcard include/config/DEBUG_INFO_BTF) \
    $(wildcard include/config/PAHOLE_HAS_BTF_TAG) \
    $(wildcard include/config/CC_HAS_SANE_FUNCTION_ALIGNMENT) \
    $(wildcard include/config/X86_64) \
    $(wildcard include/config/ARM64) \
    $(wildcard include/config/LD_DEAD_CODE_DATA_ELIMINATION) \
    $(wildcard include/config/LTO_CLANG) \
    $(wildcard include/config/HAVE_ARCH_COMPILER_H) \
    $(wildcard include/config/KCSAN) \
    $(wildcard include/config/CC_HAS_ASSUME) \
    $(wildcard include/config/CC_HAS_COUNTED_BY) \
    $(wildcard include/config/FORTIFY_SOURCE) \
    $(wildcard include/config/UBSAN_BOUNDS) \
    $(wildcard include/config/CC_HAS_COUNTED_BY_PTR) \
    $(wildcard include/config/CC_HAS_MULTIDIMENSIONAL_NONSTRING) \
    $(wildcard include/config/CFI) \
    $(wildcard include/config/ARCH_USES_CFI_GENERIC_LLVM_PASS) \
    $(wildcard include/config/CC_HAS_BROKEN_COUNTED_BY_REF) \
    $(wildcard include/config/CC_HAS_ASM_INLINE) \
  /root/.cache/pymodpost/x86_64-7.3/src/include/linux/stringify.h \
  /root/.cache/pymodpost/x86_64-7.3/src/include/linux/export.h \
    $(wildcard include/config/MODVERSIONS) \
    $(wildcard include/config/64BIT) \
    $(wildcard include/config/GENDWARFKSYMS) \
  /root/.cache/pymodpost/x86_64-7.3/src/include/linux/compiler.h \
    $(wildcard include/config/TRACE_BRANCH_PROFILING) \
    $(wildcard include/config/PROFILE_ALL_BRANCHES) \
    $(wildcard include/config/OBJTOOL) \
  /root/.cache/pymodpost/x86_64-7.3/build/arch/x86/include/generated/asm/rwonce.h \
  /root/.cache/pymodpost/x86_64-7.3/src/include/asm-generic/rwonce.h \
  /root/.cache/pymodpost/x86_64-7.3/src/arch/x86/include/asm/linkage.h \
    $(wildcard include/config/X86_32) \
    $(wildcard include/config/CALL_PADDING) \
    $(wildcard include/config/MITIGATION_RETHUNK) \
    $(wildcard include/config/MITIGATION_RETPOLINE) \
    $(wildcard include/config/MITIGATION_SLS) \
    $(wildcard include/config/FUNCTION_PADDING_BYTES) \
    $(wildcard include/config/UML) \
  /root/.cache/pymodpost/x86_64-7.3/src/arch/x86/include/asm/ibt.h \
    $(wildcard include/config/X86_KERNEL_IBT) \
  /root/.cache/pymodpost/x86_64-7.3/src/include/linux/types.h \
    $(wildcard include/config/HAVE_UID16) \
    $(wildcard include/config/UID16) \
    $(wildcard include/config/ARCH_DMA_ADDR_T_64BIT) \
    $(wildcard include/config/PHYS_ADDR_T_64BIT) \
    $(wildcard include/config/ARCH_32BIT_USTAT_F_TINODE) \
    $(wildcard include/config/KCOV) \
    $(wildcard include/config/KVFREE_RCU_BATCHED) \
  /root/.cache/pymodpost/x86_64-7.3/src/include/uapi/linux/types.h \
  /root/.cache/pymodpost/x86_64-7.3/build/arch/x86/include/generated/uapi/asm/types.h \
  /root/.cache/pymodpost/x86_64-7.3/src/include/uapi/asm-generic/types.h \
  /root/.cache/pymodpost/x86_64-7.3/src/include/asm-generic/int-ll64.h \
  /root/.cache/pymodpost/x86_64-7.3/src/include/uapi/asm-generic/int-ll64.h \
  /root/.cache/pymodpost/x86_64-7.3/src/arch/x86/include/uapi/asm/bitsperlong.h \
  /root/.cache/pymodpost/x86_64-7.3/src/include/asm-generic/bitsperlong.h \
  /root/.cache/pymodpost/x86_64-7.3/src/include/uapi/asm-generic/bitsperlong.h \

helper.o: $(deps_helper.o)

$(deps_helper.o):
