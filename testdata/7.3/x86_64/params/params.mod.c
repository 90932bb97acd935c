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
	{ 0x122c3a7e, "_printk" },
	{ 0x5b8239ca, "__x86_return_thunk" },
	{ 0x7b173c81, "param_ops_ulong" },
	{ 0x4ab357c4, "param_ops_string" },
	{ 0xd68ba127, "param_array_ops" },
	{ 0xef8274e9, "param_ops_int" },
	{ 0xb3860d01, "param_ops_bool" },
	{ 0xab78d276, "param_ops_charp" },
	{ 0xa528f2f9, "module_layout" },
};

MODULE_INFO(depends, "");

