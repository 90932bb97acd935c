cmd_/tmp/pymodpost-kbuild/x86_64/gpl_only/modules.order := {   echo /tmp/pymodpost-kbuild/x86_64/gpl_only/gpl_only.ko; :; } > /tmp/pymodpost-kbuild/x86_64/gpl_only/modules.order
