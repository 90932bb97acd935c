/tmp/pymodpost-kbuild/6.12/x86_64/no_license/no_license.o
