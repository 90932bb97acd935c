./pair_provider.o
