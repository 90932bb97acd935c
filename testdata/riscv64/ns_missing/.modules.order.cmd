cmd_/tmp/pymodpost-kbuild/riscv64/ns_missing/modules.order := {   echo /tmp/pymodpost-kbuild/riscv64/ns_missing/ns_missing.ko; :; } > /tmp/pymodpost-kbuild/riscv64/ns_missing/modules.order
