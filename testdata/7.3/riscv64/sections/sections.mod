./sections.o
