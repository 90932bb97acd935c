cmd_/tmp/pymodpost-kbuild/x86_64/ns_import/modules.order := {   echo /tmp/pymodpost-kbuild/x86_64/ns_import/ns_import.ko; :; } > /tmp/pymodpost-kbuild/x86_64/ns_import/modules.order
