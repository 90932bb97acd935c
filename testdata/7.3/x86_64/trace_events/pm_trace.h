/* SPDX-License-Identifier: GPL-2.0 */
/* One trace event of the trace_events fixture. */
#undef TRACE_SYSTEM
#define TRACE_SYSTEM pymodpost

#if !defined(_PM_TRACE_H) || defined(TRACE_HEADER_MULTI_READ)
#define _PM_TRACE_H

#include <linux/tracepoint.h>

TRACE_EVENT(pm_step,
	TP_PROTO(int step, const char *what),
	TP_ARGS(step, what),
	TP_STRUCT__entry(
		__field(int, step)
		__string(what, what)
	),
	TP_fast_assign(
		__entry->step = step;
		/* __assign_str(what, what) as 6.1 expands it: the macro lost its
		 * second argument in 6.10, the expansion works on every kernel. */
		strcpy(__get_str(what), (what) ? (const char *)(what) : "(null)");
	),
	TP_printk("step=%d what=%s", __entry->step, __get_str(what))
);

#endif /* _PM_TRACE_H */

#undef TRACE_INCLUDE_PATH
#define TRACE_INCLUDE_PATH .
#undef TRACE_INCLUDE_FILE
#define TRACE_INCLUDE_FILE pm_trace
#include <trace/define_trace.h>
