savedcmd_modules.order := {   echo asm_export.o;   echo asm_user.o; :; } > modules.order
