// SPDX-License-Identifier: GPL-2.0
/* First module of the pair: exports a function and a namespaced variable. */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt
#include <linux/init.h>
#include <linux/module.h>
#include <linux/printk.h>

int pm_pair_base = 1000;
/* Namespaces are string literals from Linux 6.13 on.  EXPORT_SYMBOL_FOR_MODULES (6.16+)
 * tells those kernels apart without including <linux/version.h>, which would change
 * the dependency lists kbuild records for the older fixture kernels. */
#ifdef EXPORT_SYMBOL_FOR_MODULES
EXPORT_SYMBOL_NS_GPL(pm_pair_base, "PYMODPOST_PAIR");
#else
EXPORT_SYMBOL_NS_GPL(pm_pair_base, PYMODPOST_PAIR);
#endif

int pm_pair_offset(int x)
{
	return pm_pair_base + x;
}
EXPORT_SYMBOL(pm_pair_offset);

static int __init pair_provider_init(void)
{
	pr_info("pair_provider loaded base=%d\n", pm_pair_base);
	return 0;
}

static void __exit pair_provider_exit(void)
{
	pr_info("pair_provider unloaded\n");
}

module_init(pair_provider_init);
module_exit(pair_provider_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("pymodpost fixture: exporter built next to its user");
