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

KSYMTAB_DATA(pm_modns_value, "module:modns_friend,modns_glob*");
SYMBOL_FLAGS(pm_modns_value, 0x01);

SYMBOL_CRC(pm_modns_value, 0x351a520e);

static const struct modversion_info ____versions[]
__used __section("__versions") = {
	{ 0x92997ed8, "_printk" },
	{ 0x249e2a95, "module_layout" },
};

MODULE_INFO(depends, "");

