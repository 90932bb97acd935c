// SPDX-License-Identifier: GPL-2.0
/* Module whose file name (pm-dash.ko) differs from its KBUILD_MODNAME (pm_dash). */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt
#include <linux/init.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/printk.h>

static int dash_value = 5;
module_param(dash_value, int, 0444);

static int __init pm_dash_init(void)
{
	pr_info("loaded as %s value=%d\n", KBUILD_MODNAME, dash_value);
	return 0;
}

static void __exit pm_dash_exit(void)
{
	pr_info("unloaded\n");
}

module_init(pm_dash_init);
module_exit(pm_dash_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("pymodpost fixture: dashes in the module file name");
