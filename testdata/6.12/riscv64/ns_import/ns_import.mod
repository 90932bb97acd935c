/tmp/pymodpost-kbuild/6.12/riscv64/ns_import/ns_import.o
