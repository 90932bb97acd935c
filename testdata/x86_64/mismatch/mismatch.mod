/tmp/pymodpost-kbuild/x86_64/mismatch/mismatch.o
