cmd_/tmp/pymodpost-kbuild/x86_64/hello/hello.mod := printf '%s\n'   hello.o | awk '!x[$$0]++ { print("/tmp/pymodpost-kbuild/x86_64/hello/"$$0) }' > /tmp/pymodpost-kbuild/x86_64/hello/hello.mod
