/tmp/pymodpost-kbuild/x86_64/trace_events/trace_events.o
