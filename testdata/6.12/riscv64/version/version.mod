/tmp/pymodpost-kbuild/6.12/riscv64/version/version.o
