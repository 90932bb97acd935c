savedcmd_modules.order := {   echo eh_frame.o; :; } > modules.order
