savedcmd_version.mod := printf '%s\n'   version.o | awk '!x[$$0]++ { print("./"$$0) }' > version.mod
