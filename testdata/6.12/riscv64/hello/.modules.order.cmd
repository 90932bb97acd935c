savedcmd_/tmp/pymodpost-kbuild/6.12/riscv64/hello/modules.order := {   echo /tmp/pymodpost-kbuild/6.12/riscv64/hello/hello.o; :; } > /tmp/pymodpost-kbuild/6.12/riscv64/hello/modules.order
