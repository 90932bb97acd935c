/tmp/pymodpost-kbuild/6.12/x86_64/pair/pair_provider.o
