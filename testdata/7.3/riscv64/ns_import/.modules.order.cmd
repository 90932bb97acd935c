savedcmd_modules.order := {   echo ns_import.o; :; } > modules.order
