/tmp/pymodpost-kbuild/x86_64/pair/pair_user.o
