savedcmd_modns_friend.mod := printf '%s\n'   modns_friend.o | awk '!x[$$0]++ { print("./"$$0) }' > modns_friend.mod
