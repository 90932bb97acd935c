./asm_user.o
