/tmp/pymodpost-kbuild/x86_64/unresolved/unresolved.o
