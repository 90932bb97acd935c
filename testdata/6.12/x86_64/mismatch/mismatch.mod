/tmp/pymodpost-kbuild/6.12/x86_64/mismatch/mismatch.o
