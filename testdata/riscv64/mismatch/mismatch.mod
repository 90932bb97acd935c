/tmp/pymodpost-kbuild/riscv64/mismatch/mismatch.o
