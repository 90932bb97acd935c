/tmp/pymodpost-kbuild/6.12/riscv64/riscv_relocs/main.o
/tmp/pymodpost-kbuild/6.12/riscv64/riscv_relocs/fields.o
