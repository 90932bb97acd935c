/tmp/pymodpost-kbuild/6.12/x86_64/exports/exports.o
