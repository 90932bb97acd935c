savedcmd_modules.order := {   echo no_description.o; :; } > modules.order
