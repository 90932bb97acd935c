./trace_events.o
