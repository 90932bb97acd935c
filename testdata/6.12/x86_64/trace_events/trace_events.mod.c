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
	{ 0x1b2d8013, "trace_raw_output_prep" },
	{ 0x96e140ff, "trace_event_printf" },
	{ 0x85d120e3, "trace_handle_return" },
	{ 0x15ddb0d3, "bpf_trace_run2" },
	{ 0x122c3a7e, "_printk" },
	{  0x53730, "pcpu_hot" },
	{ 0x5a5a2271, "__cpu_online_mask" },
	{ 0x688e72e1, "__SCT__preempt_schedule_notrace" },
	{ 0x754d539c, "strlen" },
	{ 0x53569707, "this_cpu_off" },
	{ 0x8b38092, "perf_trace_buf_alloc" },
	{ 0xe914e41e, "strcpy" },
	{ 0xccc1a596, "perf_trace_run_bpf_submit" },
	{ 0xf0fdf6cb, "__stack_chk_fail" },
	{ 0x7faf0632, "trace_event_buffer_reserve" },
	{ 0x96679410, "trace_event_buffer_commit" },
	{ 0xd6fecd27, "__trace_trigger_soft_disabled" },
	{ 0xc04bc54, "trace_event_reg" },
	{ 0x930c57b1, "trace_event_raw_init" },
	{ 0xbdfb6dbb, "__fentry__" },
	{ 0x65487097, "__x86_indirect_thunk_rax" },
	{ 0x5b8239ca, "__x86_return_thunk" },
	{ 0x2f9b2b9a, "module_layout" },
};

MODULE_INFO(depends, "");

