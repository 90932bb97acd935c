savedcmd_fields.o := riscv64-linux-gnu-gcc -Wp,-MMD,./.fields.o.d -nostdinc -I/root/.cache/pymodpost/riscv64-7.3/src/arch/riscv/include -I/root/.cache/pymodpost/riscv64-7.3/build/arch/riscv/include/generated -I/root/.cache/pymodpost/riscv64-7.3/src/include -I/root/.cache/pymodpost/riscv64-7.3/build/include -I/root/.cache/pymodpost/riscv64-7.3/src/arch/riscv/include/uapi -I/root/.cache/pymodpost/riscv64-7.3/build/arch/riscv/include/generated/uapi -I/root/.cache/pymodpost/riscv64-7.3/src/include/uapi -I/root/.cache/pymodpost/riscv64-7.3/build/include/generated/uapi -include /root/.cache/pymodpost/riscv64-7.3/src/include/linux/compiler-version.h -include /root/.cache/pymodpost/riscv64-7.3/src/include/linux/kconfig.h -D__KERNEL__ -D__ASSEMBLY__ -fno-PIE -mabi=lp64 -march=rv64imafdcv_zicsr_zifencei -mno-riscv-attribute -Wa,-mno-arch-attr  -DMODULE -Wa,-mno-relax  -DKBUILD_MODNAME='"riscv_relocs"' -D__KBUILD_MODNAME=riscv_relocs -c -o fields.o fields.S 

source_fields.o := fields.S

deps_fields.o := \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/compiler-version.h \
    $(wildcard include/config/CC_VERSION_TEXT) \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/kconfig.h \
    $(wildcard include/config/CPU_BIG_ENDIAN) \
    $(wildcard include/config/BOOGER) \
    $(wildcard include/config/FOO) \

fields.o: $(deps_fields.o)

$(deps_fields.o):
