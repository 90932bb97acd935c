/tmp/pymodpost-kbuild/6.12/x86_64/dash_name/pm-dash.o
