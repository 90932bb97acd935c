cmd_/tmp/pymodpost-kbuild/x86_64/dash_name/modules.order := {   echo /tmp/pymodpost-kbuild/x86_64/dash_name/pm-dash.ko; :; } > /tmp/pymodpost-kbuild/x86_64/dash_name/modules.order
