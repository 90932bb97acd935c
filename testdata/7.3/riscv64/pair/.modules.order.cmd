savedcmd_modules.order := {   echo pair_provider.o;   echo pair_user.o; :; } > modules.order
