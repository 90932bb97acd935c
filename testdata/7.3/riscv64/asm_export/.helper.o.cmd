savedcmd_helper.o := riscv64-linux-gnu-gcc -Wp,-MMD,./.helper.o.d -nostdinc -I/root/.cache/pymodpost/riscv64-7.3/src/arch/riscv/include -I/root/.cache/pymodpost/riscv64-7.3/build/arch/riscv/include/generated -I/root/.cache/pymodpost/riscv64-7.3/src/include -I/root/.cache/pymodpost/riscv64-7.3/build/include -I/root/.cache/pymodpost/riscv64-7.3/src/arch/riscv/include/uapi -I/root/.cache/pymodpost/riscv64-7.3/build/arch/riscv/include/generated/uapi -I/root/.cache/pymodpost/riscv64-7.3/src/include/uapi -I/root/.cache/pymodpost/riscv64-7.3/build/include/generated/uapi -include /root/.cache/pymodpost/riscv64-7.3/src/include/linux/compiler-version.h -include /root/.cache/pymodpost/riscv64-7.3/src/include/linux/kconfig.h -D__KERNEL__ -D__ASSEMBLY__ -fno-PIE -mabi=lp64 -march=rv64imafdcv_zicsr_zifencei -mno-riscv-attribute -Wa,-mno-arch-attr  -DMODULE -Wa,-mno-relax  -DKBUILD_MODNAME='"asm_export"' -D__KBUILD_MODNAME=asm_export -c -o helper.o helper.S 

source_helper.o := helper.S

deps_helper.o := \
    $(wildcard include/config/X86) \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/compiler-version.h \
    $(wildcard include/config/CC_VERSION_TEXT) \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/kconfig.h \
    $(wildcard include/config/CPU_BIG_ENDIAN) \
    $(wildcard include/config/BOOGER) \
    $(wildcard include/config/FOO) \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/linkage.h \
    $(wildcard include/config/FUNCTION_ALIGNMENT) \
    $(wildcard include/config/ARCH_USE_SYM_ANNOTATIONS) \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/compiler_types.h \
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
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/stringify.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/export.h \
    $(wildcard include/config/MODVERSIONS) \
    $(wildcard include/config/64BIT) \
    $(wildcard include/config/GENDWARFKSYMS) \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/compiler.h \
    $(wildcard include/config/TRACE_BRANCH_PROFILING) \
    $(wildcard include/config/PROFILE_ALL_BRANCHES) \
    $(wildcard include/config/OBJTOOL) \
  /root/.cache/pymodpost/riscv64-7.3/build/arch/riscv/include/generated/asm/rwonce.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/asm-generic/rwonce.h \
  /root/.cache/pymodpost/riscv64-7.3/src/arch/riscv/include/asm/linkage.h \

helper.o: $(deps_helper.o)

$(deps_helper.o):
