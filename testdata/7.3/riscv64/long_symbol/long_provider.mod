./long_provider.o
