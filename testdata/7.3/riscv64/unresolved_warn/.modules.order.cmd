savedcmd_modules.order := {   echo unresolved_warn.o; :; } > modules.order
