savedcmd_modules.order := {   echo sections.o; :; } > modules.order
