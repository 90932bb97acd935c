savedcmd_exports.mod := printf '%s\n'   exports.o | awk '!x[$$0]++ { print("./"$$0) }' > exports.mod
