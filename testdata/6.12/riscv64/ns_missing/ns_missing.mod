/tmp/pymodpost-kbuild/6.12/riscv64/ns_missing/ns_missing.o
