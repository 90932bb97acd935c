savedcmd_modules.order := {   echo hello.o; :; } > modules.order
