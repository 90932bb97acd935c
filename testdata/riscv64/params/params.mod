/tmp/pymodpost-kbuild/riscv64/params/params.o
