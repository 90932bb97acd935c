// SPDX-License-Identifier: GPL-2.0
/* Exports a variable into a module namespace: only the modules it names may use it,
 * modns_friend by its exact name and modns_globbed through the tail glob "modns_glob*". */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt
#include <linux/init.h>
#include <linux/module.h>
#include <linux/printk.h>

int pm_modns_value = 7;
/* 6.16 renamed EXPORT_SYMBOL_GPL_FOR_MODULES (backported to 6.12, whose modpost does not
 * know module namespaces) to EXPORT_SYMBOL_FOR_MODULES. */
#ifdef EXPORT_SYMBOL_FOR_MODULES
EXPORT_SYMBOL_FOR_MODULES(pm_modns_value, "modns_friend,modns_glob*");
#else
EXPORT_SYMBOL_GPL_FOR_MODULES(pm_modns_value, "modns_friend,modns_glob*");
#endif

static int __init modns_provider_init(void)
{
	pr_info("value=%d\n", pm_modns_value);
	return 0;
}

static void __exit modns_provider_exit(void)
{
	pr_info("unloaded\n");
}

module_init(modns_provider_init);
module_exit(modns_provider_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("pymodpost fixture: export into a module: namespace");
