./modns_owner.o
