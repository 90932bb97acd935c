/tmp/pymodpost-kbuild/6.12/x86_64/no_description/no_description.o
