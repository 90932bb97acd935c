/tmp/pymodpost-kbuild/x86_64/params/params.o
