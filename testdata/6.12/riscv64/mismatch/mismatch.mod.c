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

KSYMTAB_FUNC(pm_late_user, "_gpl", "");
KSYMTAB_FUNC(pm_exported_init_fn, "", "");
KSYMTAB_DATA(pm_setup_hook, "_gpl", "");
KSYMTAB_FUNC(pm_early_teardown, "_gpl", "");

SYMBOL_CRC(pm_late_user, 0xb1450858, "_gpl");
SYMBOL_CRC(pm_exported_init_fn, 0x1bf52093, "");
SYMBOL_CRC(pm_setup_hook, 0x4b605d0c, "_gpl");
SYMBOL_CRC(pm_early_teardown, 0x6b18b716, "_gpl");

static const struct modversion_info ____versions[]
__used __section("__versions") = {
	{ 0x92997ed8, "_printk" },
	{ 0x6246185e, "module_layout" },
};

MODULE_INFO(depends, "");

