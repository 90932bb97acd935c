savedcmd_eh_frame.mod := printf '%s\n'   eh_frame.o | awk '!x[$$0]++ { print("./"$$0) }' > eh_frame.mod
