./params.o
