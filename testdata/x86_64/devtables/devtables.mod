/tmp/pymodpost-kbuild/x86_64/devtables/devtables.o
