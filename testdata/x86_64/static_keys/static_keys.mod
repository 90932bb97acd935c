/tmp/pymodpost-kbuild/x86_64/static_keys/static_keys.o
