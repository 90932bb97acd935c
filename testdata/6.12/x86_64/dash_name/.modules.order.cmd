savedcmd_/tmp/pymodpost-kbuild/6.12/x86_64/dash_name/modules.order := {   echo /tmp/pymodpost-kbuild/6.12/x86_64/dash_name/pm-dash.o; :; } > /tmp/pymodpost-kbuild/6.12/x86_64/dash_name/modules.order
