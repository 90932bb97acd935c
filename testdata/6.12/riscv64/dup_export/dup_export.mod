/tmp/pymodpost-kbuild/6.12/riscv64/dup_export/dup_export.o
