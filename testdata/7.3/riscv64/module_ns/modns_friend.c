// SPDX-License-Identifier: GPL-2.0
/* Uses pm_modns_value, which modns_provider exports to the modules it names: no
 * MODULE_IMPORT_NS() needed (nor allowed) for a module namespace. */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt
#include <linux/init.h>
#include <linux/module.h>
#include <linux/printk.h>

extern int pm_modns_value;

static int __init modns_friend_init(void)
{
	pr_info("value=%d\n", pm_modns_value);
	return 0;
}

static void __exit modns_friend_exit(void)
{
	pr_info("unloaded\n");
}

module_init(modns_friend_init);
module_exit(modns_friend_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("pymodpost fixture: user of a module: namespace export");
