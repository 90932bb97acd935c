cmd_/tmp/pymodpost-kbuild/x86_64/hello/modules.order := {   echo /tmp/pymodpost-kbuild/x86_64/hello/hello.ko; :; } > /tmp/pymodpost-kbuild/x86_64/hello/modules.order
