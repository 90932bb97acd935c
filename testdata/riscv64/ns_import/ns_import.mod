/tmp/pymodpost-kbuild/riscv64/ns_import/ns_import.o
