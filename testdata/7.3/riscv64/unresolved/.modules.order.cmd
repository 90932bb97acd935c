savedcmd_modules.order := {   echo unresolved.o; :; } > modules.order
