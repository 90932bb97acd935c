savedcmd_modules.order := {   echo mismatch.o; :; } > modules.order
