/tmp/pymodpost-kbuild/x86_64/asm_export/asm_user.o
