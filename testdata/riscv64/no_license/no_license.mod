/tmp/pymodpost-kbuild/riscv64/no_license/no_license.o
