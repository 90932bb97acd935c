cmd_/tmp/pymodpost-kbuild/x86_64/kdepends/modules.order := {   echo /tmp/pymodpost-kbuild/x86_64/kdepends/kdepends.ko; :; } > /tmp/pymodpost-kbuild/x86_64/kdepends/modules.order
