/tmp/pymodpost-kbuild/6.12/riscv64/exports/exports.o
