/tmp/pymodpost-kbuild/riscv64/version/version.o
