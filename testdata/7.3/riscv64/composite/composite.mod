./core.o
./math.o
./strings.o
