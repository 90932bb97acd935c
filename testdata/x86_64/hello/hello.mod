/tmp/pymodpost-kbuild/x86_64/hello/hello.o
