/tmp/pymodpost-kbuild/riscv64/ns_missing/ns_missing.o
