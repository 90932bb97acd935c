savedcmd_unresolved.mod := printf '%s\n'   unresolved.o | awk '!x[$$0]++ { print("./"$$0) }' > unresolved.mod
