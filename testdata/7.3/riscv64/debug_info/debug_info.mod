./debug_info.o
