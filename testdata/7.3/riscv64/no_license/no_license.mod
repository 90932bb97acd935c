./no_license.o
