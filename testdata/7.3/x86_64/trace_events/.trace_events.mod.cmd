savedcmd_trace_events.mod := printf '%s\n'   trace_events.o | awk '!x[$$0]++ { print("./"$$0) }' > trace_events.mod
