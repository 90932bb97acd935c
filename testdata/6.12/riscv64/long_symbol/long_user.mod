/tmp/pymodpost-kbuild/6.12/riscv64/long_symbol/long_user.o
