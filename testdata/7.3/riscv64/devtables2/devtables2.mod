./devtables2.o
