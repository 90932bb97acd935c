// SPDX-License-Identifier: GPL-2.0
/* A complete module except for MODULE_DESCRIPTION(): 6.12's modpost says nothing without W=1,
 * 7.3's always warns "missing MODULE_DESCRIPTION()". */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt
#include <linux/init.h>
#include <linux/module.h>
#include <linux/printk.h>

static int __init no_description_init(void)
{
	pr_info("loaded\n");
	return 0;
}

static void __exit no_description_exit(void)
{
	pr_info("unloaded\n");
}

module_init(no_description_init);
module_exit(no_description_exit);
MODULE_LICENSE("GPL");
