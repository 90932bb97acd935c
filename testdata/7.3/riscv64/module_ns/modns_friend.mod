./modns_friend.o
