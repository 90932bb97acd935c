savedcmd_gpl_only.mod := printf '%s\n'   gpl_only.o | awk '!x[$$0]++ { print("./"$$0) }' > gpl_only.mod
