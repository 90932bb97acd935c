savedcmd_/tmp/pymodpost-kbuild/6.12/riscv64/params/modules.order := {   echo /tmp/pymodpost-kbuild/6.12/riscv64/params/params.o; :; } > /tmp/pymodpost-kbuild/6.12/riscv64/params/modules.order
