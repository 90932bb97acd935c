// SPDX-License-Identifier: GPL-2.0
/* Defines its own trace event: the module then carries __tracepoints, __tracepoints_ptrs,
 * __tracepoints_strings, _ftrace_events and __bpf_raw_tp_map, which load_module registers
 * with the tracing core. */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt
#include <linux/init.h>
#include <linux/module.h>
#include <linux/printk.h>

#define CREATE_TRACE_POINTS
#include "pm_trace.h"

static int __init trace_events_init(void)
{
	trace_pm_step(1, "init");
	pr_info("trace_events loaded\n");
	return 0;
}

static void __exit trace_events_exit(void)
{
	trace_pm_step(2, "exit");
	pr_info("trace_events unloaded\n");
}

module_init(trace_events_init);
module_exit(trace_events_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("pymodpost fixture: a module-defined trace event");
