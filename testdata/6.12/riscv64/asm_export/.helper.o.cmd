savedcmd_/tmp/pymodpost-kbuild/6.12/riscv64/asm_export/helper.o := riscv64-linux-gnu-gcc -Wp,-MMD,/tmp/pymodpost-kbuild/6.12/riscv64/asm_export/.helper.o.d -nostdinc -I/root/.cache/pymodpost/riscv64-6.12/src/arch/riscv/include -I./arch/riscv/include/generated -I/root/.cache/pymodpost/riscv64-6.12/src/include -I./include -I/root/.cache/pymodpost/riscv64-6.12/src/arch/riscv/include/uapi -I./arch/riscv/include/generated/uapi -I/root/.cache/pymodpost/riscv64-6.12/src/include/uapi -I./include/generated/uapi -include /root/.cache/pymodpost/riscv64-6.12/src/include/linux/compiler-version.h -include /root/.cache/pymodpost/riscv64-6.12/src/include/linux/kconfig.h -D__KERNEL__ -fmacro-prefix-map=/root/.cache/pymodpost/riscv64-6.12/src/= -D__ASSEMBLY__ -fno-PIE -mabi=lp64 -march=rv64imafdcv_zicsr_zifencei -mno-riscv-attribute -Wa,-mno-arch-attr  -DMODULE -Wa,-mno-relax  -DKBUILD_MODNAME='"asm_export"' -D__KBUILD_MODNAME=kmod_asm_export -c -o /tmp/pymodpost-kbuild/6.12/riscv64/asm_export/helper.o /tmp/pymodpost-kbuild/6.12/riscv64/asm_export/helper.S 

source_/tmp/pymodpost-kbuild/6.12/riscv64/asm_export/helper.o := /tmp/pymodpost-kbuild/6.12/riscv64/asm_export/helper.S

deps_/tmp/pymodpost-kbuild/6.12/riscv64/asm_export/helper.o := \
    $(wildcard include/config/X86) \
  /root/.cache/pymodpost/riscv64-6.12/src/include/linux/compiler-version.h \
    $(wildcard include/config/CC_VERSION_TEXT) \
  /root/.cache/pymodpost/riscv64-6.12/src/include/linux/kconfig.h \
    $(wildcard include/config/CPU_BIG_ENDIAN) \
    $(wildcard include/config/BOOGER) \
    $(wildcard include/config/FOO) \
  /root/.cache/pymodpost/riscv64-6.12/src/include/linux/linkage.h \
    $(wildcard include/config/FUNCTION_ALIGNMENT) \
    $(wildcard include/config/ARCH_USE_SYM_ANNOTATIONS) \
  /root/.cache/pymodpost/riscv64-6.12/src/include/linux/compiler_types.h \
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
  /root/.cache/pymodpost/riscv64-6.12/src/include/linux/stringify.h \
  /root/.cache/pymodpost/riscv64-6.12/src/include/linux/export.h \
    $(wildcard include/config/MODVERSIONS) \
    $(wildcard include/config/64BIT) \
  /root/.cache/pymodpost/riscv64-6.12/src/include/linux/compiler.h \
    $(wildcard include/config/TRACE_BRANCH_PROFILING) \
    $(wildcard include/config/PROFILE_ALL_BRANCHES) \
    $(wildcard include/config/OBJTOOL) \
  arch/riscv/include/generated/asm/rwonce.h \
  /root/.cache/pymodpost/riscv64-6.12/src/include/asm-generic/rwonce.h \
  /root/.cache/pymodpost/riscv64-6.12/src/arch/riscv/include/asm/linkage.h \

/tmp/pymodpost-kbuild/6.12/riscv64/asm_export/helper.o: $(deps_/tmp/pymodpost-kbuild/6.12/riscv64/asm_export/helper.o)

$(deps_/tmp/pymodpost-kbuild/6.12/riscv64/asm_export/helper.o):
