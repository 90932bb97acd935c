cmd_/tmp/pymodpost-kbuild/x86_64/devtables2/modules.order := {   echo /tmp/pymodpost-kbuild/x86_64/devtables2/devtables2.ko; :; } > /tmp/pymodpost-kbuild/x86_64/devtables2/modules.order
