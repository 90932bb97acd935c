savedcmd_modules.order := {   echo dup_export.o; :; } > modules.order
