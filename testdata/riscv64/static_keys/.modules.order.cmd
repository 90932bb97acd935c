cmd_/tmp/pymodpost-kbuild/riscv64/static_keys/modules.order := {   echo /tmp/pymodpost-kbuild/riscv64/static_keys/static_keys.ko; :; } > /tmp/pymodpost-kbuild/riscv64/static_keys/modules.order
