./extables.o
