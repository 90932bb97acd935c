/tmp/pymodpost-kbuild/riscv64/gpl_only/gpl_only.o
