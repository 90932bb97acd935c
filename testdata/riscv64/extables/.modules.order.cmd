cmd_/tmp/pymodpost-kbuild/riscv64/extables/modules.order := {   echo /tmp/pymodpost-kbuild/riscv64/extables/extables.ko; :; } > /tmp/pymodpost-kbuild/riscv64/extables/modules.order
