/tmp/pymodpost-kbuild/6.12/riscv64/unresolved_warn/unresolved_warn.o
