savedcmd_/tmp/pymodpost-kbuild/6.12/riscv64/consumer/modules.order := {   echo /tmp/pymodpost-kbuild/6.12/riscv64/consumer/consumer.o; :; } > /tmp/pymodpost-kbuild/6.12/riscv64/consumer/modules.order
