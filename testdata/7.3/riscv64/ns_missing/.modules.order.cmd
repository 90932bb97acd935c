savedcmd_modules.order := {   echo ns_missing.o; :; } > modules.order
