./gpl_only.o
