./ns_missing.o
