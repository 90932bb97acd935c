cmd_/tmp/pymodpost-kbuild/riscv64/dash_name/modules.order := {   echo /tmp/pymodpost-kbuild/riscv64/dash_name/pm-dash.ko; :; } > /tmp/pymodpost-kbuild/riscv64/dash_name/modules.order
