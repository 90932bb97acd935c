savedcmd_modules.order := {   echo modns_owner.o;   echo modns_stranger.o;   echo modns_importer.o; :; } > modules.order
