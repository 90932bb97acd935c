savedcmd_/tmp/pymodpost-kbuild/6.12/riscv64/extables/modules.order := {   echo /tmp/pymodpost-kbuild/6.12/riscv64/extables/extables.o; :; } > /tmp/pymodpost-kbuild/6.12/riscv64/extables/modules.order
