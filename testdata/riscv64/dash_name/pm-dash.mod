/tmp/pymodpost-kbuild/riscv64/dash_name/pm-dash.o
