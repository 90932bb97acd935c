savedcmd_no_license.mod := printf '%s\n'   no_license.o | awk '!x[$$0]++ { print("./"$$0) }' > no_license.mod
