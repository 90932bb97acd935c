/tmp/pymodpost-kbuild/x86_64/dash_name/pm-dash.o
