/tmp/pymodpost-kbuild/6.12/riscv64/pair/pair_user.o
