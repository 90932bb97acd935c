cmd_/tmp/pymodpost-kbuild/x86_64/composite/modules.order := {   echo /tmp/pymodpost-kbuild/x86_64/composite/composite.ko; :; } > /tmp/pymodpost-kbuild/x86_64/composite/modules.order
