savedcmd_/tmp/pymodpost-kbuild/6.12/x86_64/exports/modules.order := {   echo /tmp/pymodpost-kbuild/6.12/x86_64/exports/exports.o; :; } > /tmp/pymodpost-kbuild/6.12/x86_64/exports/modules.order
