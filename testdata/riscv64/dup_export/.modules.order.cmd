cmd_/tmp/pymodpost-kbuild/riscv64/dup_export/modules.order := {   echo /tmp/pymodpost-kbuild/riscv64/dup_export/dup_export.ko; :; } > /tmp/pymodpost-kbuild/riscv64/dup_export/modules.order
