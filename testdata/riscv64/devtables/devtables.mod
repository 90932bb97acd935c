/tmp/pymodpost-kbuild/riscv64/devtables/devtables.o
