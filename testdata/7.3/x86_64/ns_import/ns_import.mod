./ns_import.o
