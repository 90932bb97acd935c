/tmp/pymodpost-kbuild/riscv64/hello/hello.o
