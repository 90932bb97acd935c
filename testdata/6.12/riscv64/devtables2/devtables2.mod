/tmp/pymodpost-kbuild/6.12/riscv64/devtables2/devtables2.o
