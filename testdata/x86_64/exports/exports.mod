/tmp/pymodpost-kbuild/x86_64/exports/exports.o
