/tmp/pymodpost-kbuild/x86_64/devtables2/devtables2.o
