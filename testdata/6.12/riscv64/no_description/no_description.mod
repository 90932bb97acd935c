/tmp/pymodpost-kbuild/6.12/riscv64/no_description/no_description.o
