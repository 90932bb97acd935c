/tmp/pymodpost-kbuild/6.12/x86_64/asm_export/main.o
/tmp/pymodpost-kbuild/6.12/x86_64/asm_export/helper.o
