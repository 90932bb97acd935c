./version.o
