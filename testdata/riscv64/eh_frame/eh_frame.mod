/tmp/pymodpost-kbuild/riscv64/eh_frame/eh_frame.o
