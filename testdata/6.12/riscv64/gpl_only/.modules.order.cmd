savedcmd_/tmp/pymodpost-kbuild/6.12/riscv64/gpl_only/modules.order := {   echo /tmp/pymodpost-kbuild/6.12/riscv64/gpl_only/gpl_only.o; :; } > /tmp/pymodpost-kbuild/6.12/riscv64/gpl_only/modules.order
