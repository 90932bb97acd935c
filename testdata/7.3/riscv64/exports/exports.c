// SPDX-License-Identifier: GPL-2.0
/* Exports one symbol of each flavour (plain, GPL, namespaced, namespaced GPL) plus a
 * variable; the consumer and ns_missing fixtures link against these. */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt
#include <linux/init.h>
#include <linux/module.h>
#include <linux/printk.h>

int pm_exports_counter = 40;
EXPORT_SYMBOL(pm_exports_counter);

int pm_add(int a, int b)
{
	return a + b;
}
EXPORT_SYMBOL(pm_add);

int pm_gpl_mul(int a, int b)
{
	return a * b;
}
EXPORT_SYMBOL_GPL(pm_gpl_mul);

int pm_ns_square(int a)
{
	return a * a;
}
/* Namespaces are string literals from Linux 6.13 on.  EXPORT_SYMBOL_FOR_MODULES (6.16+)
 * tells those kernels apart without including <linux/version.h>, which would change
 * the dependency lists kbuild records for the older fixture kernels. */
#ifdef EXPORT_SYMBOL_FOR_MODULES
EXPORT_SYMBOL_NS(pm_ns_square, "PYMODPOST_NS");
#else
EXPORT_SYMBOL_NS(pm_ns_square, PYMODPOST_NS);
#endif

int pm_ns_gpl_negate(int a)
{
	return -a;
}
#ifdef EXPORT_SYMBOL_FOR_MODULES
EXPORT_SYMBOL_NS_GPL(pm_ns_gpl_negate, "PYMODPOST_NS");
#else
EXPORT_SYMBOL_NS_GPL(pm_ns_gpl_negate, PYMODPOST_NS);
#endif

static int __init exports_init(void)
{
	pr_info("exports loaded counter=%d\n", pm_exports_counter);
	return 0;
}

static void __exit exports_exit(void)
{
	pr_info("exports unloaded counter=%d\n", pm_exports_counter);
}

module_init(exports_init);
module_exit(exports_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("pymodpost fixture: exported symbols of every flavour");
