savedcmd_sections.mod := printf '%s\n'   sections.o | awk '!x[$$0]++ { print("./"$$0) }' > sections.mod
