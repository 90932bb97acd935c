./devtables.o
