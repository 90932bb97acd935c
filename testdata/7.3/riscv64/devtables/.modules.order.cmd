savedcmd_modules.order := {   echo devtables.o; :; } > modules.order
