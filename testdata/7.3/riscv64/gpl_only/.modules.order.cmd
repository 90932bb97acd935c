savedcmd_modules.order := {   echo gpl_only.o; :; } > modules.order
