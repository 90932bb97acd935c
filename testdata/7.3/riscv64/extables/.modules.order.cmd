savedcmd_modules.order := {   echo extables.o; :; } > modules.order
