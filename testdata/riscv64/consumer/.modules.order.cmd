cmd_/tmp/pymodpost-kbuild/riscv64/consumer/modules.order := {   echo /tmp/pymodpost-kbuild/riscv64/consumer/consumer.ko; :; } > /tmp/pymodpost-kbuild/riscv64/consumer/modules.order
