cmd_/tmp/pymodpost-kbuild/x86_64/trace_events/modules.order := {   echo /tmp/pymodpost-kbuild/x86_64/trace_events/trace_events.ko; :; } > /tmp/pymodpost-kbuild/x86_64/trace_events/modules.order
