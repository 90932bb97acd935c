cmd_/tmp/pymodpost-kbuild/riscv64/hello/modules.order := {   echo /tmp/pymodpost-kbuild/riscv64/hello/hello.ko; :; } > /tmp/pymodpost-kbuild/riscv64/hello/modules.order
