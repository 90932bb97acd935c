cmd_/tmp/pymodpost-kbuild/x86_64/unresolved/modules.order := {   echo /tmp/pymodpost-kbuild/x86_64/unresolved/unresolved.ko; :; } > /tmp/pymodpost-kbuild/x86_64/unresolved/modules.order
