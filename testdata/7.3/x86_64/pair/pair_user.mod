./pair_user.o
