./modns_stranger.o
