/tmp/pymodpost-kbuild/6.12/riscv64/params/params.o
