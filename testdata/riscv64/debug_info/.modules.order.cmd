cmd_/tmp/pymodpost-kbuild/riscv64/debug_info/modules.order := {   echo /tmp/pymodpost-kbuild/riscv64/debug_info/debug_info.ko; :; } > /tmp/pymodpost-kbuild/riscv64/debug_info/modules.order
