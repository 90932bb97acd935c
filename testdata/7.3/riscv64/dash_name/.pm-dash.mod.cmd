savedcmd_pm-dash.mod := printf '%s\n'   pm-dash.o | awk '!x[$$0]++ { print("./"$$0) }' > pm-dash.mod
