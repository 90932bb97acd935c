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

KSYMTAB_FUNC(pm_late_user, "");
SYMBOL_FLAGS(pm_late_user, 0x01);
KSYMTAB_FUNC(pm_exported_init_fn, "");
SYMBOL_FLAGS(pm_exported_init_fn, 0x00);
KSYMTAB_DATA(pm_setup_hook, "");
SYMBOL_FLAGS(pm_setup_hook, 0x01);
KSYMTAB_FUNC(pm_early_teardown, "");
SYMBOL_FLAGS(pm_early_teardown, 0x01);

SYMBOL_CRC(pm_late_user, 0xb1450858);
SYMBOL_CRC(pm_exported_init_fn, 0x1bf52093);
SYMBOL_CRC(pm_setup_hook, 0x4b605d0c);
SYMBOL_CRC(pm_early_teardown, 0x6b18b716);

static const struct modversion_info ____versions[]
__used __section("__versions") = {
	{ 0x92997ed8, "_printk" },
	{ 0x249e2a95, "module_layout" },
};

MODULE_INFO(depends, "");

