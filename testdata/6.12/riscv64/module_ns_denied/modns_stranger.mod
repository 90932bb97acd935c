/tmp/pymodpost-kbuild/6.12/riscv64/module_ns_denied/modns_stranger.o
