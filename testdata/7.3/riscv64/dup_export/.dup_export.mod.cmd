savedcmd_dup_export.mod := printf '%s\n'   dup_export.o | awk '!x[$$0]++ { print("./"$$0) }' > dup_export.mod
