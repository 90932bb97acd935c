/tmp/pymodpost-kbuild/riscv64/sections/sections.o
