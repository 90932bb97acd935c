./no_description.o
