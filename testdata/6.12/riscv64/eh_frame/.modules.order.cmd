savedcmd_/tmp/pymodpost-kbuild/6.12/riscv64/eh_frame/modules.order := {   echo /tmp/pymodpost-kbuild/6.12/riscv64/eh_frame/eh_frame.o; :; } > /tmp/pymodpost-kbuild/6.12/riscv64/eh_frame/modules.order
