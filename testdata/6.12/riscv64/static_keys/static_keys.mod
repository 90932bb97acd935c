/tmp/pymodpost-kbuild/6.12/riscv64/static_keys/static_keys.o
