/tmp/pymodpost-kbuild/x86_64/extables/extables.o
