/tmp/pymodpost-kbuild/6.12/x86_64/asm_export/asm_user.o
