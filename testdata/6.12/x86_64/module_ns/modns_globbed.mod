/tmp/pymodpost-kbuild/6.12/x86_64/module_ns/modns_globbed.o
