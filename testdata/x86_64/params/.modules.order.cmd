cmd_/tmp/pymodpost-kbuild/x86_64/params/modules.order := {   echo /tmp/pymodpost-kbuild/x86_64/params/params.ko; :; } > /tmp/pymodpost-kbuild/x86_64/params/modules.order
