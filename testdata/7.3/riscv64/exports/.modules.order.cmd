savedcmd_modules.order := {   echo exports.o; :; } > modules.order
