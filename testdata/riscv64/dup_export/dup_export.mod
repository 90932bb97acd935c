/tmp/pymodpost-kbuild/riscv64/dup_export/dup_export.o
