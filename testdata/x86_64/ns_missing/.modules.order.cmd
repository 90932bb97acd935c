cmd_/tmp/pymodpost-kbuild/x86_64/ns_missing/modules.order := {   echo /tmp/pymodpost-kbuild/x86_64/ns_missing/ns_missing.ko; :; } > /tmp/pymodpost-kbuild/x86_64/ns_missing/modules.order
