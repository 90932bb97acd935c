cmd_/tmp/pymodpost-kbuild/riscv64/sections/modules.order := {   echo /tmp/pymodpost-kbuild/riscv64/sections/sections.ko; :; } > /tmp/pymodpost-kbuild/riscv64/sections/modules.order
