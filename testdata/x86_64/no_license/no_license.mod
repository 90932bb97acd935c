/tmp/pymodpost-kbuild/x86_64/no_license/no_license.o
