/tmp/pymodpost-kbuild/6.12/x86_64/version/version.o
