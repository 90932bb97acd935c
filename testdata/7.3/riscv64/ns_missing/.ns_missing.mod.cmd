savedcmd_ns_missing.mod := printf '%s\n'   ns_missing.o | awk '!x[$$0]++ { print("./"$$0) }' > ns_missing.mod
