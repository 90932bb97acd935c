/tmp/pymodpost-kbuild/x86_64/unresolved_warn/unresolved_warn.o
