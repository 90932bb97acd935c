/tmp/pymodpost-kbuild/6.12/riscv64/gpl_only/gpl_only.o
