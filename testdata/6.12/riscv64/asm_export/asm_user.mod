/tmp/pymodpost-kbuild/6.12/riscv64/asm_export/asm_user.o
