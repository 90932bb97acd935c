savedcmd_modules.order := {   echo long_provider.o;   echo long_user.o; :; } > modules.order
