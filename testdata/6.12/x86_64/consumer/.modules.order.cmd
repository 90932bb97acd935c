savedcmd_/tmp/pymodpost-kbuild/6.12/x86_64/consumer/modules.order := {   echo /tmp/pymodpost-kbuild/6.12/x86_64/consumer/consumer.o; :; } > /tmp/pymodpost-kbuild/6.12/x86_64/consumer/modules.order
