cmd_/tmp/pymodpost-kbuild/riscv64/gpl_only/modules.order := {   echo /tmp/pymodpost-kbuild/riscv64/gpl_only/gpl_only.ko; :; } > /tmp/pymodpost-kbuild/riscv64/gpl_only/modules.order
