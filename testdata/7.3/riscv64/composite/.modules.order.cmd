savedcmd_modules.order := {   echo composite.o; :; } > modules.order
