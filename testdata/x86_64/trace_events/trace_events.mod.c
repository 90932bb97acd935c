#include <linux/module.h>
#define INCLUDE_VERMAGIC
#include <linux/build-salt.h>
#include <linux/elfnote-lto.h>
#include <linux/export-internal.h>
#include <linux/vermagic.h>
#include <linux/compiler.h>

BUILD_SALT;
BUILD_LTO_INFO;

MODULE_INFO(vermagic, VERMAGIC_STRING);
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

#ifdef CONFIG_RETPOLINE
MODULE_INFO(retpoline, "Y");
#endif


static const struct modversion_info ____versions[]
__used __section("__versions") = {
	{ 0xbdfb6dbb, "__fentry__" },
	{ 0x65487097, "__x86_indirect_thunk_rax" },
	{ 0x5b8239ca, "__x86_return_thunk" },
	{ 0x35251613, "trace_raw_output_prep" },
	{ 0x6721222, "trace_event_printf" },
	{ 0x8b3494ff, "trace_handle_return" },
	{ 0xe6caaf7b, "bpf_trace_run2" },
	{ 0x7a2af7b4, "cpu_number" },
	{ 0x5a5a2271, "__cpu_online_mask" },
	{ 0x4629334c, "__preempt_count" },
	{ 0x688e72e1, "__SCT__preempt_schedule_notrace" },
	{ 0x92997ed8, "_printk" },
	{ 0x754d539c, "strlen" },
	{ 0x53569707, "this_cpu_off" },
	{ 0xad5f0017, "perf_trace_buf_alloc" },
	{ 0xe914e41e, "strcpy" },
	{ 0x9fd5aac9, "perf_trace_run_bpf_submit" },
	{ 0xa19b956, "__stack_chk_fail" },
	{ 0xcb53ee9a, "trace_event_buffer_reserve" },
	{ 0x3663fafd, "trace_event_buffer_commit" },
	{ 0x5d6edbac, "__trace_trigger_soft_disabled" },
	{ 0xb6fc148b, "trace_event_reg" },
	{ 0x874cdd20, "trace_event_raw_init" },
	{ 0x9060323f, "module_layout" },
};

MODULE_INFO(depends, "");

