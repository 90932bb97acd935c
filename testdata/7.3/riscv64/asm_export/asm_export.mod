./main.o
./helper.o
