cmd_/tmp/pymodpost-kbuild/riscv64/unresolved/modules.order := {   echo /tmp/pymodpost-kbuild/riscv64/unresolved/unresolved.ko; :; } > /tmp/pymodpost-kbuild/riscv64/unresolved/modules.order
