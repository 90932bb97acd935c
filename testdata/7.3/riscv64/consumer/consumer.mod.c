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
	{ 0x0abaad3a, "pm_exports_counter" },
	{ 0xd288583f, "pm_add" },
	{ 0x683d4b12, "pm_gpl_mul" },
	{ 0x542d8d15, "pm_ns_square" },
	{ 0xb0c56fc0, "pm_ns_gpl_negate" },
	{ 0x92997ed8, "_printk" },
	{ 0x249e2a95, "module_layout" },
};

MODULE_INFO(depends, "exports");

