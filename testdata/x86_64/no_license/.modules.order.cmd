cmd_/tmp/pymodpost-kbuild/x86_64/no_license/modules.order := {   echo /tmp/pymodpost-kbuild/x86_64/no_license/no_license.ko; :; } > /tmp/pymodpost-kbuild/x86_64/no_license/modules.order
