savedcmd_static_keys.mod := printf '%s\n'   static_keys.o | awk '!x[$$0]++ { print("./"$$0) }' > static_keys.mod
