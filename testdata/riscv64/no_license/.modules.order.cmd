cmd_/tmp/pymodpost-kbuild/riscv64/no_license/modules.order := {   echo /tmp/pymodpost-kbuild/riscv64/no_license/no_license.ko; :; } > /tmp/pymodpost-kbuild/riscv64/no_license/modules.order
