/tmp/pymodpost-kbuild/riscv64/unresolved/unresolved.o
