savedcmd_modns_importer.mod := printf '%s\n'   modns_importer.o | awk '!x[$$0]++ { print("./"$$0) }' > modns_importer.mod
