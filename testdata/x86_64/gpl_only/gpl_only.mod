/tmp/pymodpost-kbuild/x86_64/gpl_only/gpl_only.o
