/tmp/pymodpost-kbuild/6.12/riscv64/debug_info/debug_info.o
