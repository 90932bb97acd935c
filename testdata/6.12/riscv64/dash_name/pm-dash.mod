/tmp/pymodpost-kbuild/6.12/riscv64/dash_name/pm-dash.o
