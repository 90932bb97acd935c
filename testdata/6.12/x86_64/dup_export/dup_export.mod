/tmp/pymodpost-kbuild/6.12/x86_64/dup_export/dup_export.o
