savedcmd_params.mod := printf '%s\n'   params.o | awk '!x[$$0]++ { print("./"$$0) }' > params.mod
