/tmp/pymodpost-kbuild/6.12/x86_64/devtables2/devtables2.o
