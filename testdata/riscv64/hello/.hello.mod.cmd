cmd_/tmp/pymodpost-kbuild/riscv64/hello/hello.mod := printf '%s\n'   hello.o | awk '!x[$$0]++ { print("/tmp/pymodpost-kbuild/riscv64/hello/"$$0) }' > /tmp/pymodpost-kbuild/riscv64/hello/hello.mod
