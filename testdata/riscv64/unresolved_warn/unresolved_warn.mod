/tmp/pymodpost-kbuild/riscv64/unresolved_warn/unresolved_warn.o
