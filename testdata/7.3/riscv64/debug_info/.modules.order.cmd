savedcmd_modules.order := {   echo debug_info.o; :; } > modules.order
