/tmp/pymodpost-kbuild/6.12/x86_64/ns_missing/ns_missing.o
