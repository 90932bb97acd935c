cmd_/tmp/pymodpost-kbuild/riscv64/devtables2/modules.order := {   echo /tmp/pymodpost-kbuild/riscv64/devtables2/devtables2.ko; :; } > /tmp/pymodpost-kbuild/riscv64/devtables2/modules.order
