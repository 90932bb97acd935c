/tmp/pymodpost-kbuild/6.12/x86_64/long_symbol/long_provider.o
