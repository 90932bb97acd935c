/tmp/pymodpost-kbuild/6.12/riscv64/composite/core.o
/tmp/pymodpost-kbuild/6.12/riscv64/composite/math.o
/tmp/pymodpost-kbuild/6.12/riscv64/composite/strings.o
