cmd_/tmp/pymodpost-kbuild/x86_64/params/params.mod := printf '%s\n'   params.o | awk '!x[$$0]++ { print("/tmp/pymodpost-kbuild/x86_64/params/"$$0) }' > /tmp/pymodpost-kbuild/x86_64/params/params.mod
