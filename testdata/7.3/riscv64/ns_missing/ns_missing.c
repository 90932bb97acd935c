// SPDX-License-Identifier: GPL-2.0
/* Calls a namespaced export without MODULE_IMPORT_NS: modpost must reject it. */
#include <linux/init.h>
#include <linux/module.h>
#include <linux/printk.h>
#include "pm_exports.h"

static int __init ns_missing_init(void)
{
	pr_info("ns_missing square=%d\n", pm_ns_square(3));
	return 0;
}

module_init(ns_missing_init);
MODULE_LICENSE("GPL");
