savedcmd_long_provider.mod := printf '%s\n'   long_provider.o | awk '!x[$$0]++ { print("./"$$0) }' > long_provider.mod
