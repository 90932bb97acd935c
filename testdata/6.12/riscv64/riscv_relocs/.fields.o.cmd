savedcmd_/tmp/pymodpost-kbuild/6.12/riscv64/riscv_relocs/fields.o := riscv64-linux-gnu-gcc -Wp,-MMD,/tmp/pymodpost-kbuild/6.12/riscv64/riscv_relocs/.fields.o.d -nostdinc -I/root/.cache/pymodpost/riscv64-6.12/src/arch/riscv/include -I./arch/riscv/include/generated -I/root/.cache/pymodpost/riscv64-6.12/src/include -I./include -I/root/.cache/pymodpost/riscv64-6.12/src/arch/riscv/include/uapi -I./arch/riscv/include/generated/uapi -I/root/.cache/pymodpost/riscv64-6.12/src/include/uapi -I./include/generated/uapi -include /root/.cache/pymodpost/riscv64-6.12/src/include/linux/compiler-version.h -include /root/.cache/pymodpost/riscv64-6.12/src/include/linux/kconfig.h -D__KERNEL__ -fmacro-prefix-map=/root/.cache/pymodpost/riscv64-6.12/src/= -D__ASSEMBLY__ -fno-PIE -mabi=lp64 -march=rv64imafdcv_zicsr_zifencei -mno-riscv-attribute -Wa,-mno-arch-attr  -DMODULE -Wa,-mno-relax  -DKBUILD_MODNAME='"riscv_relocs"' -D__KBUILD_MODNAME=kmod_riscv_relocs -c -o /tmp/pymodpost-kbuild/6.12/riscv64/riscv_relocs/fields.o /tmp/pymodpost-kbuild/6.12/riscv64/riscv_relocs/fields.S 

source_/tmp/pymodpost-kbuild/6.12/riscv64/riscv_relocs/fields.o := /tmp/pymodpost-kbuild/6.12/riscv64/riscv_relocs/fields.S

deps_/tmp/pymodpost-kbuild/6.12/riscv64/riscv_relocs/fields.o := \
  /root/.cache/pymodpost/riscv64-6.12/src/include/linux/compiler-version.h \
    $(wildcard include/config/CC_VERSION_TEXT) \
  /root/.cache/pymodpost/riscv64-6.12/src/include/linux/kconfig.h \
    $(wildcard include/config/CPU_BIG_ENDIAN) \
    $(wildcard include/config/BOOGER) \
    $(wildcard include/config/FOO) \

/tmp/pymodpost-kbuild/6.12/riscv64/riscv_relocs/fields.o: $(deps_/tmp/pymodpost-kbuild/6.12/riscv64/riscv_relocs/fields.o)

$(deps_/tmp/pymodpost-kbuild/6.12/riscv64/riscv_relocs/fields.o):
