./modns_provider.o
