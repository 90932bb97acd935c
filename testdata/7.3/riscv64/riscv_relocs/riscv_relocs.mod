./main.o
./fields.o
