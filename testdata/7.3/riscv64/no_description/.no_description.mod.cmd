savedcmd_no_description.mod := printf '%s\n'   no_description.o | awk '!x[$$0]++ { print("./"$$0) }' > no_description.mod
