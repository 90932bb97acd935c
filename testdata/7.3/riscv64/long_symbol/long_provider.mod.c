#include <linux/module.h>
#include <linux/export-internal.h>
#include <linux/compiler.h>

MODULE_INFO(name, KBUILD_MODNAME);

__visible struct module __this_module
__section(".gnu.linkonce.this_module") = {
	.name = KBUILD_MODNAME,
	.arch = MODULE_ARCH_INIT,
};

KSYMTAB_FUNC(pm_this_exported_function_name_is_far_too_long_for_modversions, "");
SYMBOL_FLAGS(pm_this_exported_function_name_is_far_too_long_for_modversions, 0x00);

SYMBOL_CRC(pm_this_exported_function_name_is_far_too_long_for_modversions, 0x754ea45c);

static const struct modversion_info ____versions[]
__used __section("__versions") = {
	{ 0x249e2a95, "module_layout" },
};

MODULE_INFO(depends, "");

