cmd_/tmp/pymodpost-kbuild/riscv64/composite/modules.order := {   echo /tmp/pymodpost-kbuild/riscv64/composite/composite.ko; :; } > /tmp/pymodpost-kbuild/riscv64/composite/modules.order
