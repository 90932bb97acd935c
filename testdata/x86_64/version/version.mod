/tmp/pymodpost-kbuild/x86_64/version/version.o
