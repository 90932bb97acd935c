./long_user.o
