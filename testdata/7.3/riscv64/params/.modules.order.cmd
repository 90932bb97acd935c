savedcmd_modules.order := {   echo params.o; :; } > modules.order
