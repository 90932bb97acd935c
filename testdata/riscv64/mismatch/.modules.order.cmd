cmd_/tmp/pymodpost-kbuild/riscv64/mismatch/modules.order := {   echo /tmp/pymodpost-kbuild/riscv64/mismatch/mismatch.ko; :; } > /tmp/pymodpost-kbuild/riscv64/mismatch/modules.order
