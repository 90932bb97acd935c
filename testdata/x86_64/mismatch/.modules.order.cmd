cmd_/tmp/pymodpost-kbuild/x86_64/mismatch/modules.order := {   echo /tmp/pymodpost-kbuild/x86_64/mismatch/mismatch.ko; :; } > /tmp/pymodpost-kbuild/x86_64/mismatch/modules.order
