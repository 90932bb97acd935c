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
	{ 0x2435f4b3, "static_key_enable" },
	{ 0x92997ed8, "_printk" },
	{ 0xcb166e24, "static_key_disable" },
	{ 0x21d82cad, "param_ops_bool" },
	{ 0x249e2a95, "module_layout" },
};

MODULE_INFO(depends, "");

