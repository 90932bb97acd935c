/tmp/pymodpost-kbuild/riscv64/exports/exports.o
