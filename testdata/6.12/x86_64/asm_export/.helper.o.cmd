savedcmd_/tmp/pymodpost-kbuild/6.12/x86_64/asm_export/helper.o :=  x86_64-linux-gnu-gcc-12 -Wp,-MMD,/tmp/pymodpost-kbuild/6.12/x86_64/asm_export/.helper.o.d -nostdinc -I/usr/src/linux-headers-6.12.118+deb12-common/arch/x86/include -I./arch/x86/include/generated -I/usr/src/linux-headers-6.12.118+deb12-common/include -I./include -I/usr/src/linux-headers-6.12.118+deb12-common/arch/x86/include/uapi -I./arch/x86/include/generated/uapi -I/usr/src/linux-headers-6.12.118+deb12-common/include/uapi -I./include/generated/uapi -include /usr/src/linux-headers-6.12.118+deb12-common/include/linux/compiler-version.h -include /usr/src/linux-headers-6.12.118+deb12-common/include/linux/kconfig.h -D__KERNEL__ -fmacro-prefix-map=/usr/src/linux-headers-6.12.118+deb12-common/= -D__ASSEMBLY__ -fno-PIE -m64 -DCC_USING_FENTRY -g -g0  -DMODULE  -DKBUILD_MODNAME='"asm_export"' -D__KBUILD_MODNAME=kmod_asm_export -c -o /tmp/pymodpost-kbuild/6.12/x86_64/asm_export/helper.o /tmp/pymodpost-kbuild/6.12/x86_64/asm_export/helper.S 

source_/tmp/pymodpost-kbuild/6.12/x86_64/asm_export/helper.o := /tmp/pymodpost-kbuild/6.12/x86_64/asm_export/helper.S

deps_/tmp/pymodpost-kbuild/6.12/x86_64/asm_export/helper.o := \
    $(wildcard include/config/X86) \
  /usr/src/linux-headers-6.12.118+deb12-common/include/linux/compiler-version.h \
    $(wildcard include/config/CC_VERSION_TEXT) \
  /usr/src/linux-headers-6.12.118+deb12-common/include/linux/kconfig.h \
    $(wildcard include/config/CPU_BIG_ENDIAN) \
    $(wildcard include/config/BOOGER) \
    $(wildcard include/config/FOO) \
  /usr/src/linux-headers-6.12.118+deb12-common/include/linux/linkage.h \
    $(wildcard include/config/FUNCTION_ALIGNMENT) \
    $(wildcard include/config/ARCH_USE_SYM_ANNOTATIONS) \
  /usr/src/linux-headers-6.12.118+deb12-common/include/linux/compiler_types.h \
    $(wildcard include/config/DEBUG_INFO_BTF) \
    $(wildcard include/config/PAHOLE_HAS_BTF_TAG) \
    $(wildcard include/config/CC_HAS_SANE_FUNCTION_ALIGNMENT) \
    $(wildcard include/config/X86_64) \
    $(wildcard include/config/ARM64) \
    $(wildcard include/config/LD_DEAD_CODE_DATA_ELIMINATION) \
    $(wildcard include/config/LTO_CLANG) \
    $(wildcard include/config/HAVE_ARCH_COMPILER_H) \
    $(wildcard include/config/KCSAN) \
    $(wildcard include/config/CC_HAS_COUNTED_BY) \
    $(wildcard include/config/UBSAN_SIGNED_WRAP) \
    $(wildcard include/config/CC_HAS_ASM_INLINE) \
  /usr/src/linux-headers-6.12.118+deb12-common/include/linux/stringify.h \
  /usr/src/linux-headers-6.12.118+deb12-common/include/linux/export.h \
    $(wildcard include/config/MODVERSIONS) \
    $(wildcard include/config/64BIT) \
  /usr/src/linux-headers-6.12.118+deb12-common/include/linux/compiler.h \
    $(wildcard include/config/TRACE_BRANCH_PROFILING) \
    $(wildcard include/config/PROFILE_ALL_BRANCHES) \
    $(wildcard include/config/OBJTOOL) \
  arch/x86/include/generated/asm/rwonce.h \
  /usr/src/linux-headers-6.12.118+deb12-common/include/asm-generic/rwonce.h \
  /usr/src/linux-headers-6.12.118+deb12-common/arch/x86/include/asm/linkage.h \
    $(wildcard include/config/X86_32) \
    $(wildcard include/config/CALL_PADDING) \
    $(wildcard include/config/MITIGATION_RETHUNK) \
    $(wildcard include/config/MITIGATION_RETPOLINE) \
    $(wildcard include/config/MITIGATION_SLS) \
    $(wildcard include/config/FUNCTION_PADDING_BYTES) \
    $(wildcard include/config/UML) \
  /usr/src/linux-headers-6.12.118+deb12-common/arch/x86/include/asm/ibt.h \
    $(wildcard include/config/X86_KERNEL_IBT) \
  /usr/src/linux-headers-6.12.118+deb12-common/include/linux/types.h \
    $(wildcard include/config/HAVE_UID16) \
    $(wildcard include/config/UID16) \
    $(wildcard include/config/ARCH_DMA_ADDR_T_64BIT) \
    $(wildcard include/config/PHYS_ADDR_T_64BIT) \
    $(wildcard include/config/ARCH_32BIT_USTAT_F_TINODE) \
  /usr/src/linux-headers-6.12.118+deb12-common/include/uapi/linux/types.h \
  arch/x86/include/generated/uapi/asm/types.h \
  /usr/src/linux-headers-6.12.118+deb12-common/include/uapi/asm-generic/types.h \
  /usr/src/linux-headers-6.12.118+deb12-common/include/asm-generic/int-ll64.h \
  /usr/src/linux-headers-6.12.118+deb12-common/include/uapi/asm-generic/int-ll64.h \
  /usr/src/linux-headers-6.12.118+deb12-common/arch/x86/include/uapi/asm/bitsperlong.h \
  /usr/src/linux-headers-6.12.118+deb12-common/include/asm-generic/bitsperlong.h \
  /usr/src/linux-headers-6.12.118+deb12-common/include/uapi/asm-generic/bitsperlong.h \

/tmp/pymodpost-kbuild/6.12/x86_64/asm_export/helper.o: $(deps_/tmp/pymodpost-kbuild/6.12/x86_64/asm_export/helper.o)

$(deps_/tmp/pymodpost-kbuild/6.12/x86_64/asm_export/helper.o):
