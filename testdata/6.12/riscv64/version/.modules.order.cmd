savedcmd_/tmp/pymodpost-kbuild/6.12/riscv64/version/modules.order := {   echo /tmp/pymodpost-kbuild/6.12/riscv64/version/version.o; :; } > /tmp/pymodpost-kbuild/6.12/riscv64/version/modules.order
