cmd_/tmp/pymodpost-kbuild/x86_64/extables/modules.order := {   echo /tmp/pymodpost-kbuild/x86_64/extables/extables.ko; :; } > /tmp/pymodpost-kbuild/x86_64/extables/modules.order
