/tmp/pymodpost-kbuild/6.12/riscv64/eh_frame/eh_frame.o
