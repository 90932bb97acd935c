savedcmd_devtables2.mod := printf '%s\n'   devtables2.o | awk '!x[$$0]++ { print("./"$$0) }' > devtables2.mod
