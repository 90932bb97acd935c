./mismatch.o
