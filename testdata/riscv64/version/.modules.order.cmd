cmd_/tmp/pymodpost-kbuild/riscv64/version/modules.order := {   echo /tmp/pymodpost-kbuild/riscv64/version/version.ko; :; } > /tmp/pymodpost-kbuild/riscv64/version/modules.order
