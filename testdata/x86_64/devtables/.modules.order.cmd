cmd_/tmp/pymodpost-kbuild/x86_64/devtables/modules.order := {   echo /tmp/pymodpost-kbuild/x86_64/devtables/devtables.ko; :; } > /tmp/pymodpost-kbuild/x86_64/devtables/modules.order
