// SPDX-License-Identifier: GPL-2.0
/* A module with a non-GPL licence that uses ktime_get, exported EXPORT_SYMBOL_GPL:
 * modpost refuses it. */
#include <linux/init.h>
#include <linux/module.h>
#include <linux/timekeeping.h>

static int __init gpl_only_init(void)
{
	return ktime_get() < 0;
}

module_init(gpl_only_init);
MODULE_LICENSE("Proprietary");
