./unresolved.o
