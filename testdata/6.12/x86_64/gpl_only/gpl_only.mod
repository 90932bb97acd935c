/tmp/pymodpost-kbuild/6.12/x86_64/gpl_only/gpl_only.o
