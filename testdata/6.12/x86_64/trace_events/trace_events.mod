/tmp/pymodpost-kbuild/6.12/x86_64/trace_events/trace_events.o
