cmd_/tmp/pymodpost-kbuild/x86_64/static_keys/modules.order := {   echo /tmp/pymodpost-kbuild/x86_64/static_keys/static_keys.ko; :; } > /tmp/pymodpost-kbuild/x86_64/static_keys/modules.order
