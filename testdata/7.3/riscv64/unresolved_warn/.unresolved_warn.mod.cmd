savedcmd_unresolved_warn.mod := printf '%s\n'   unresolved_warn.o | awk '!x[$$0]++ { print("./"$$0) }' > unresolved_warn.mod
