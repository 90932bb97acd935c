/tmp/pymodpost-kbuild/riscv64/composite/core.o
/tmp/pymodpost-kbuild/riscv64/composite/math.o
/tmp/pymodpost-kbuild/riscv64/composite/strings.o
