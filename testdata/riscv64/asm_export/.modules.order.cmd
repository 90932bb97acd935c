cmd_/tmp/pymodpost-kbuild/riscv64/asm_export/modules.order := {   echo /tmp/pymodpost-kbuild/riscv64/asm_export/asm_export.ko; :; } > /tmp/pymodpost-kbuild/riscv64/asm_export/modules.order
