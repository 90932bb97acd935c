savedcmd_/tmp/pymodpost-kbuild/6.12/x86_64/kdepends/modules.order := {   echo /tmp/pymodpost-kbuild/6.12/x86_64/kdepends/kdepends.o; :; } > /tmp/pymodpost-kbuild/6.12/x86_64/kdepends/modules.order
