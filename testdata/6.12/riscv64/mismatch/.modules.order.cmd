savedcmd_/tmp/pymodpost-kbuild/6.12/riscv64/mismatch/modules.order := {   echo /tmp/pymodpost-kbuild/6.12/riscv64/mismatch/mismatch.o; :; } > /tmp/pymodpost-kbuild/6.12/riscv64/mismatch/modules.order
