cmd_/tmp/pymodpost-kbuild/riscv64/exports/modules.order := {   echo /tmp/pymodpost-kbuild/riscv64/exports/exports.ko; :; } > /tmp/pymodpost-kbuild/riscv64/exports/modules.order
