savedcmd_long_user.mod := printf '%s\n'   long_user.o | awk '!x[$$0]++ { print("./"$$0) }' > long_user.mod
