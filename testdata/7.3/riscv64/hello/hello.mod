./hello.o
