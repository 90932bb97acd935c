cmd_/tmp/pymodpost-kbuild/riscv64/asm_export/helper.o := riscv64-linux-gnu-gcc -Wp,-MMD,/tmp/pymodpost-kbuild/riscv64/asm_export/.helper.o.d -nostdinc -I/root/.cache/pymodpost/riscv64-6.1/src/arch/riscv/include -I./arch/riscv/include/generated -I/root/.cache/pymodpost/riscv64-6.1/src/include -I./include -I/root/.cache/pymodpost/riscv64-6.1/src/arch/riscv/include/uapi -I./arch/riscv/include/generated/uapi -I/root/.cache/pymodpost/riscv64-6.1/src/include/uapi -I./include/generated/uapi -include /root/.cache/pymodpost/riscv64-6.1/src/include/linux/compiler-version.h -include /root/.cache/pymodpost/riscv64-6.1/src/include/linux/kconfig.h -D__KERNEL__ -fmacro-prefix-map=/root/.cache/pymodpost/riscv64-6.1/src/= -D__ASSEMBLY__ -fno-PIE -mabi=lp64 -march=rv64imac_zicsr_zifencei_zicbom_zihintpause -mno-riscv-attribute -Wa,-mno-arch-attr  -DMODULE -Wa,-mno-relax  -c -o /tmp/pymodpost-kbuild/riscv64/asm_export/helper.o /tmp/pymodpost-kbuild/riscv64/asm_export/helper.S 

source_/tmp/pymodpost-kbuild/riscv64/asm_export/helper.o := /tmp/pymodpost-kbuild/riscv64/asm_export/helper.S

deps_/tmp/pymodpost-kbuild/riscv64/asm_export/helper.o := \
    $(wildcard include/config/X86) \
  /root/.cache/pymodpost/riscv64-6.1/src/include/linux/compiler-version.h \
    $(wildcard include/config/CC_VERSION_TEXT) \
  /root/.cache/pymodpost/riscv64-6.1/src/include/linux/kconfig.h \
    $(wildcard include/config/CPU_BIG_ENDIAN) \
    $(wildcard include/config/BOOGER) \
    $(wildcard include/config/FOO) \
  /root/.cache/pymodpost/riscv64-6.1/src/include/linux/linkage.h \
    $(wildcard include/config/ARCH_USE_SYM_ANNOTATIONS) \
  /root/.cache/pymodpost/riscv64-6.1/src/include/linux/compiler_types.h \
    $(wildcard include/config/DEBUG_INFO_BTF) \
    $(wildcard include/config/PAHOLE_HAS_BTF_TAG) \
    $(wildcard include/config/HAVE_ARCH_COMPILER_H) \
    $(wildcard include/config/CC_HAS_ASM_INLINE) \
  /root/.cache/pymodpost/riscv64-6.1/src/include/linux/stringify.h \
  /root/.cache/pymodpost/riscv64-6.1/src/include/linux/export.h \
    $(wildcard include/config/MODVERSIONS) \
    $(wildcard include/config/HAVE_ARCH_PREL32_RELOCATIONS) \
    $(wildcard include/config/MODULES) \
    $(wildcard include/config/TRIM_UNUSED_KSYMS) \
  /root/.cache/pymodpost/riscv64-6.1/src/arch/riscv/include/asm/linkage.h \
  /root/.cache/pymodpost/riscv64-6.1/src/include/asm-generic/export.h \
    $(wildcard include/config/64BIT) \

/tmp/pymodpost-kbuild/riscv64/asm_export/helper.o: $(deps_/tmp/pymodpost-kbuild/riscv64/asm_export/helper.o)

$(deps_/tmp/pymodpost-kbuild/riscv64/asm_export/helper.o):
