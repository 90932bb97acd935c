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
	{ 0x8ce4d01e, "pm_pair_offset" },
	{ 0x8595ab72, "pm_pair_base" },
	{ 0x92997ed8, "_printk" },
	{ 0x249e2a95, "module_layout" },
};

MODULE_INFO(depends, "pair_provider");

