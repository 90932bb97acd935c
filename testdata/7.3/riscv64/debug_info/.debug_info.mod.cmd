savedcmd_debug_info.mod := printf '%s\n'   debug_info.o | awk '!x[$$0]++ { print("./"$$0) }' > debug_info.mod
