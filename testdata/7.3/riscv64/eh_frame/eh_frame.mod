./eh_frame.o
