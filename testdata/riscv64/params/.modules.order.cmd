cmd_/tmp/pymodpost-kbuild/riscv64/params/modules.order := {   echo /tmp/pymodpost-kbuild/riscv64/params/params.ko; :; } > /tmp/pymodpost-kbuild/riscv64/params/modules.order
