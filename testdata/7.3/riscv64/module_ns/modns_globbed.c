// SPDX-License-Identifier: GPL-2.0
/* Admitted to modns_provider's module namespace by the tail glob "modns_glob*"; has no
 * exit function, so it cannot be unloaded. */
#include <linux/init.h>
#include <linux/module.h>
#include <linux/printk.h>

extern int pm_modns_value;

static int __init modns_globbed_init(void)
{
	pr_info("modns_globbed: twice the value is %d\n", 2 * pm_modns_value);
	return 0;
}
module_init(modns_globbed_init);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("pymodpost fixture: module: namespace user admitted by a glob");
