savedcmd_modules.order := {   echo trace_events.o; :; } > modules.order
