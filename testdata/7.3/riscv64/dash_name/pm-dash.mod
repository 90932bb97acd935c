./pm-dash.o
