savedcmd_extables.mod := printf '%s\n'   extables.o | awk '!x[$$0]++ { print("./"$$0) }' > extables.mod
