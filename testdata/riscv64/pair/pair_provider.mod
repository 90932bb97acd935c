/tmp/pymodpost-kbuild/riscv64/pair/pair_provider.o
