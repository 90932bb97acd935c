./modns_globbed.o
