savedcmd_/tmp/pymodpost-kbuild/6.12/riscv64/exports/modules.order := {   echo /tmp/pymodpost-kbuild/6.12/riscv64/exports/exports.o; :; } > /tmp/pymodpost-kbuild/6.12/riscv64/exports/modules.order
