savedcmd_/tmp/pymodpost-kbuild/6.12/x86_64/version/modules.order := {   echo /tmp/pymodpost-kbuild/6.12/x86_64/version/version.o; :; } > /tmp/pymodpost-kbuild/6.12/x86_64/version/modules.order
