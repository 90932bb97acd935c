/tmp/pymodpost-kbuild/6.12/x86_64/static_keys/static_keys.o
