./unresolved_warn.o
