/tmp/pymodpost-kbuild/riscv64/consumer/consumer.o
