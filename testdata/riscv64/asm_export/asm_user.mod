/tmp/pymodpost-kbuild/riscv64/asm_export/asm_user.o
