/tmp/pymodpost-kbuild/riscv64/debug_info/debug_info.o
