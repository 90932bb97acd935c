cmd_/tmp/pymodpost-kbuild/riscv64/ns_import/modules.order := {   echo /tmp/pymodpost-kbuild/riscv64/ns_import/ns_import.ko; :; } > /tmp/pymodpost-kbuild/riscv64/ns_import/modules.order
