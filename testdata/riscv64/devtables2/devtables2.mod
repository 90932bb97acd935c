/tmp/pymodpost-kbuild/riscv64/devtables2/devtables2.o
