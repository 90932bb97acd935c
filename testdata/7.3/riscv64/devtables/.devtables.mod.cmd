savedcmd_devtables.mod := printf '%s\n'   devtables.o | awk '!x[$$0]++ { print("./"$$0) }' > devtables.mod
