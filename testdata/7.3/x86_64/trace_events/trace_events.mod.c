#include <linux/module.h>
#include <linux/export-internal.h>
#include <linux/compiler.h>

MODULE_INFO(name, KBUILD_MODNAME);

__visible struct module __this_module
__section(".gnu.linkonce.this_module") = {
	.name = KBUILD_MODNAME,
	.init = init_module,
#ifdef CONFIG_MODULE_UNLOAD
	.exit = cleanup_module,
#endif
	.arch = MODULE_ARCH_INIT,
};



static const struct modversion_info ____versions[]
__used __section("__versions") = {
	{ 0xbdfb6dbb, "__fentry__" },
	{ 0x65487097, "__x86_indirect_thunk_rax" },
	{ 0x5b8239ca, "__x86_return_thunk" },
	{ 0x0dee6953, "cpu_number" },
	{ 0x3d9f21fe, "__cpu_online_mask" },
	{ 0x6ea47c2a, "tracepoint_srcu" },
	{ 0x11b0027e, "trace_raw_output_prep" },
	{ 0xaa9efe4f, "trace_event_printf" },
	{ 0x7a1929c1, "trace_handle_return" },
	{ 0x122c3a7e, "_printk" },
	{ 0x5e954b27, "__preempt_count" },
	{ 0x754d539c, "strlen" },
	{ 0xb05a45bf, "this_cpu_off" },
	{ 0xfce73916, "perf_trace_buf_alloc" },
	{ 0xe914e41e, "strcpy" },
	{ 0xc732aa05, "perf_trace_run_bpf_submit" },
	{ 0x3b72f08d, "preempt_schedule_notrace_thunk" },
	{ 0x9c6cdb53, "__trace_trigger_soft_disabled" },
	{ 0x47187cc1, "trace_event_buffer_reserve" },
	{ 0xc1893f9f, "trace_event_buffer_commit" },
	{ 0xc1cef3b6, "trace_event_reg" },
	{ 0x47f44c8c, "trace_event_raw_init" },
	{ 0xa528f2f9, "module_layout" },
};

MODULE_INFO(depends, "");

