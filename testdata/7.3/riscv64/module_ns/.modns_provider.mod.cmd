savedcmd_modns_provider.mod := printf '%s\n'   modns_provider.o | awk '!x[$$0]++ { print("./"$$0) }' > modns_provider.mod
