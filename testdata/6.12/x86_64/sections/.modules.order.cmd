savedcmd_/tmp/pymodpost-kbuild/6.12/x86_64/sections/modules.order := {   echo /tmp/pymodpost-kbuild/6.12/x86_64/sections/sections.o; :; } > /tmp/pymodpost-kbuild/6.12/x86_64/sections/modules.order
