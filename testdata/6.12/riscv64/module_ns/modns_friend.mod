/tmp/pymodpost-kbuild/6.12/riscv64/module_ns/modns_friend.o
