savedcmd_modules.order := {   echo pm-dash.o; :; } > modules.order
