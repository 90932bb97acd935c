/tmp/pymodpost-kbuild/x86_64/long_symbol/long_user.o
