/tmp/pymodpost-kbuild/6.12/x86_64/ns_import/ns_import.o
