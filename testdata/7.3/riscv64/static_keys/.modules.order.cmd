savedcmd_modules.order := {   echo static_keys.o; :; } > modules.order
