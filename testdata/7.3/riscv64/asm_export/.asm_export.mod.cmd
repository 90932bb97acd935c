savedcmd_asm_export.mod := printf '%s\n'   main.o helper.o | awk '!x[$$0]++ { print("./"$$0) }' > asm_export.mod
