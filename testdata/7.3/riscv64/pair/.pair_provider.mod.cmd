savedcmd_pair_provider.mod := printf '%s\n'   pair_provider.o | awk '!x[$$0]++ { print("./"$$0) }' > pair_provider.mod
