/tmp/pymodpost-kbuild/x86_64/sections/sections.o
