// SPDX-License-Identifier: GPL-2.0
/* Second module of the pair: uses both exports of pair_provider. */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt
#include <linux/init.h>
#include <linux/module.h>
#include <linux/printk.h>

extern int pm_pair_base;
int pm_pair_offset(int x);

/* Namespaces are string literals from Linux 6.13 on.  EXPORT_SYMBOL_FOR_MODULES (6.16+)
 * tells those kernels apart without including <linux/version.h>, which would change
 * the dependency lists kbuild records for the older fixture kernels. */
#ifdef EXPORT_SYMBOL_FOR_MODULES
MODULE_IMPORT_NS("PYMODPOST_PAIR");
#else
MODULE_IMPORT_NS(PYMODPOST_PAIR);
#endif

static int __init pair_user_init(void)
{
	pr_info("pair_user loaded offset=%d base=%d\n", pm_pair_offset(23), pm_pair_base);
	return 0;
}

static void __exit pair_user_exit(void)
{
	pr_info("pair_user unloaded\n");
}

module_init(pair_user_init);
module_exit(pair_user_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("pymodpost fixture: user of a module built in the same directory");
