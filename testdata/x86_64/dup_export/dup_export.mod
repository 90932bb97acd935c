/tmp/pymodpost-kbuild/x86_64/dup_export/dup_export.o
