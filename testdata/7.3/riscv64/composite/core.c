// SPDX-License-Identifier: GPL-2.0
/* Entry points of a module linked from three object files (core.o, math.o, strings.o):
 * cross-object calls become relocations against undefined symbols in core.o that the
 * module link resolves. */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt
#include <linux/init.h>
#include <linux/module.h>
#include <linux/printk.h>
#include "composite.h"

static const int pm_values[] = { 1, 2, 3, 4, 5 };

static int __init composite_init(void)
{
	pr_info("sum=%d first=%s second=%s calls=%d\n",
		pm_composite_sum(pm_values, ARRAY_SIZE(pm_values)),
		pm_composite_name(0), pm_composite_name(1), pm_composite_calls);
	return 0;
}

static void __exit composite_exit(void)
{
	pr_info("composite unloaded calls=%d\n", pm_composite_calls);
}

module_init(composite_init);
module_exit(composite_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("pymodpost fixture: module built from several C files");
MODULE_VERSION("1.2.3");
