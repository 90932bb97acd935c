cmd_/tmp/pymodpost-kbuild/x86_64/exports/modules.order := {   echo /tmp/pymodpost-kbuild/x86_64/exports/exports.ko; :; } > /tmp/pymodpost-kbuild/x86_64/exports/modules.order
