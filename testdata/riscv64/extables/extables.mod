/tmp/pymodpost-kbuild/riscv64/extables/extables.o
