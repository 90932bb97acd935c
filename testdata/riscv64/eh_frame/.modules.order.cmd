cmd_/tmp/pymodpost-kbuild/riscv64/eh_frame/modules.order := {   echo /tmp/pymodpost-kbuild/riscv64/eh_frame/eh_frame.ko; :; } > /tmp/pymodpost-kbuild/riscv64/eh_frame/modules.order
