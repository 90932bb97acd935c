savedcmd_modns_owner.mod := printf '%s\n'   modns_owner.o | awk '!x[$$0]++ { print("./"$$0) }' > modns_owner.mod
