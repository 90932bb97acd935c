/tmp/pymodpost-kbuild/riscv64/long_symbol/long_provider.o
