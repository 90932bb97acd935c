./exports.o
