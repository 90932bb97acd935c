savedcmd_riscv_relocs.mod := printf '%s\n'   main.o fields.o | awk '!x[$$0]++ { print("./"$$0) }' > riscv_relocs.mod
