./static_keys.o
