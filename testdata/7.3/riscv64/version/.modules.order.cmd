savedcmd_modules.order := {   echo version.o; :; } > modules.order
