./modns_importer.o
