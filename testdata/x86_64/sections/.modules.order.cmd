cmd_/tmp/pymodpost-kbuild/x86_64/sections/modules.order := {   echo /tmp/pymodpost-kbuild/x86_64/sections/sections.ko; :; } > /tmp/pymodpost-kbuild/x86_64/sections/modules.order
