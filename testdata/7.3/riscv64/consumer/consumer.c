// SPDX-License-Identifier: GPL-2.0
/* Uses every symbol the exports fixture provides, importing its namespace, so modpost
 * writes a depends= line and versions for module-provided symbols. */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt
#include <linux/init.h>
#include <linux/module.h>
#include <linux/printk.h>
#include "pm_exports.h"

/* Namespaces are string literals from Linux 6.13 on.  EXPORT_SYMBOL_FOR_MODULES (6.16+)
 * tells those kernels apart without including <linux/version.h>, which would change
 * the dependency lists kbuild records for the older fixture kernels. */
#ifdef EXPORT_SYMBOL_FOR_MODULES
MODULE_IMPORT_NS("PYMODPOST_NS");
#else
MODULE_IMPORT_NS(PYMODPOST_NS);
#endif

static int __init consumer_init(void)
{
	pm_exports_counter++;
	pr_info("add=%d mul=%d square=%d negate=%d counter=%d\n", pm_add(2, 3),
		pm_gpl_mul(4, 5), pm_ns_square(6), pm_ns_gpl_negate(7), pm_exports_counter);
	return 0;
}

static void __exit consumer_exit(void)
{
	pr_info("consumer unloaded\n");
}

module_init(consumer_init);
module_exit(consumer_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("pymodpost fixture: uses another module's exports");
