savedcmd_modns_stranger.mod := printf '%s\n'   modns_stranger.o | awk '!x[$$0]++ { print("./"$$0) }' > modns_stranger.mod
