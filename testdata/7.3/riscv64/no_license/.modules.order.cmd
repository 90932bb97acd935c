savedcmd_modules.order := {   echo no_license.o; :; } > modules.order
