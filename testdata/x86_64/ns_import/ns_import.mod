/tmp/pymodpost-kbuild/x86_64/ns_import/ns_import.o
