/tmp/pymodpost-kbuild/6.12/riscv64/asm_export/main.o
/tmp/pymodpost-kbuild/6.12/riscv64/asm_export/helper.o
