/tmp/pymodpost-kbuild/6.12/x86_64/unresolved_warn/unresolved_warn.o
