cmd_/tmp/pymodpost-kbuild/x86_64/version/modules.order := {   echo /tmp/pymodpost-kbuild/x86_64/version/version.ko; :; } > /tmp/pymodpost-kbuild/x86_64/version/modules.order
