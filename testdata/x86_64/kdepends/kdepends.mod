/tmp/pymodpost-kbuild/x86_64/kdepends/kdepends.o
