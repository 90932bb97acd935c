savedcmd_ns_import.mod := printf '%s\n'   ns_import.o | awk '!x[$$0]++ { print("./"$$0) }' > ns_import.mod
