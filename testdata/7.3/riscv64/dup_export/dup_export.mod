./dup_export.o
