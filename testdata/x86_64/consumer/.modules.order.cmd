cmd_/tmp/pymodpost-kbuild/x86_64/consumer/modules.order := {   echo /tmp/pymodpost-kbuild/x86_64/consumer/consumer.ko; :; } > /tmp/pymodpost-kbuild/x86_64/consumer/modules.order
