savedcmd_asm_user.mod := printf '%s\n'   asm_user.o | awk '!x[$$0]++ { print("./"$$0) }' > asm_user.mod
