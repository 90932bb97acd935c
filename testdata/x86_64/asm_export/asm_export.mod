/tmp/pymodpost-kbuild/x86_64/asm_export/main.o
/tmp/pymodpost-kbuild/x86_64/asm_export/helper.o
