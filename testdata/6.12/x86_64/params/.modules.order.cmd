savedcmd_/tmp/pymodpost-kbuild/6.12/x86_64/params/modules.order := {   echo /tmp/pymodpost-kbuild/6.12/x86_64/params/params.o; :; } > /tmp/pymodpost-kbuild/6.12/x86_64/params/modules.order
