savedcmd_modules.order := {   echo devtables2.o; :; } > modules.order
