savedcmd_pair_user.mod := printf '%s\n'   pair_user.o | awk '!x[$$0]++ { print("./"$$0) }' > pair_user.mod
