savedcmd_/tmp/pymodpost-kbuild/6.12/x86_64/hello/modules.order := {   echo /tmp/pymodpost-kbuild/6.12/x86_64/hello/hello.o; :; } > /tmp/pymodpost-kbuild/6.12/x86_64/hello/modules.order
