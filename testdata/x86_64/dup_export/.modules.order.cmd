cmd_/tmp/pymodpost-kbuild/x86_64/dup_export/modules.order := {   echo /tmp/pymodpost-kbuild/x86_64/dup_export/dup_export.ko; :; } > /tmp/pymodpost-kbuild/x86_64/dup_export/modules.order
