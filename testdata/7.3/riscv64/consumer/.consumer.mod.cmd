savedcmd_consumer.mod := printf '%s\n'   consumer.o | awk '!x[$$0]++ { print("./"$$0) }' > consumer.mod
