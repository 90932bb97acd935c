/tmp/pymodpost-kbuild/x86_64/ns_missing/ns_missing.o
