/tmp/pymodpost-kbuild/riscv64/static_keys/static_keys.o
