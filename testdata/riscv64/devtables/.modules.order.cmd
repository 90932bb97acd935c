cmd_/tmp/pymodpost-kbuild/riscv64/devtables/modules.order := {   echo /tmp/pymodpost-kbuild/riscv64/devtables/devtables.ko; :; } > /tmp/pymodpost-kbuild/riscv64/devtables/modules.order
