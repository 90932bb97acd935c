/tmp/pymodpost-kbuild/riscv64/asm_export/main.o
/tmp/pymodpost-kbuild/riscv64/asm_export/helper.o
