/tmp/pymodpost-kbuild/6.12/x86_64/composite/core.o
/tmp/pymodpost-kbuild/6.12/x86_64/composite/math.o
/tmp/pymodpost-kbuild/6.12/x86_64/composite/strings.o
