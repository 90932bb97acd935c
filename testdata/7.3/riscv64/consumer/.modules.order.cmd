savedcmd_modules.order := {   echo consumer.o; :; } > modules.order
