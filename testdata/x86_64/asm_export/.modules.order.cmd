cmd_/tmp/pymodpost-kbuild/x86_64/asm_export/modules.order := {   echo /tmp/pymodpost-kbuild/x86_64/asm_export/asm_export.ko; :; } > /tmp/pymodpost-kbuild/x86_64/asm_export/modules.order
