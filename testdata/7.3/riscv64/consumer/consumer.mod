./consumer.o
