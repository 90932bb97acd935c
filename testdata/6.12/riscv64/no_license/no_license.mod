/tmp/pymodpost-kbuild/6.12/riscv64/no_license/no_license.o
