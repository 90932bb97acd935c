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

KSYMTAB_DATA(pm_exports_counter, "");
SYMBOL_FLAGS(pm_exports_counter, 0x00);
KSYMTAB_FUNC(pm_add, "");
SYMBOL_FLAGS(pm_add, 0x00);
KSYMTAB_FUNC(pm_gpl_mul, "");
SYMBOL_FLAGS(pm_gpl_mul, 0x01);
KSYMTAB_FUNC(pm_ns_square, "PYMODPOST_NS");
SYMBOL_FLAGS(pm_ns_square, 0x00);
KSYMTAB_FUNC(pm_ns_gpl_negate, "PYMODPOST_NS");
SYMBOL_FLAGS(pm_ns_gpl_negate, 0x01);

SYMBOL_CRC(pm_exports_counter, 0x0abaad3a);
SYMBOL_CRC(pm_add, 0xd288583f);
SYMBOL_CRC(pm_gpl_mul, 0x683d4b12);
SYMBOL_CRC(pm_ns_square, 0x542d8d15);
SYMBOL_CRC(pm_ns_gpl_negate, 0xb0c56fc0);

static const struct modversion_info ____versions[]
__used __section("__versions") = {
	{ 0x92997ed8, "_printk" },
	{ 0x249e2a95, "module_layout" },
};

MODULE_INFO(depends, "");

