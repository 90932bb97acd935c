savedcmd_mismatch.mod := printf '%s\n'   mismatch.o | awk '!x[$$0]++ { print("./"$$0) }' > mismatch.mod
