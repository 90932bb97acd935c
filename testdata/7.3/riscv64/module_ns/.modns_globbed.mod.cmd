savedcmd_modns_globbed.mod := printf '%s\n'   modns_globbed.o | awk '!x[$$0]++ { print("./"$$0) }' > modns_globbed.mod
