savedcmd_composite.mod := printf '%s\n'   core.o math.o strings.o | awk '!x[$$0]++ { print("./"$$0) }' > composite.mod
