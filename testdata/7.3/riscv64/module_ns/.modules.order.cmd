savedcmd_modules.order := {   echo modns_provider.o;   echo modns_friend.o;   echo modns_globbed.o; :; } > modules.order
