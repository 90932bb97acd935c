// SPDX-License-Identifier: GPL-2.0
/* Smallest useful module: one line in the kernel log on load and on unload. */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt
#include <linux/init.h>
#include <linux/module.h>
#include <linux/printk.h>

static int __init hello_init(void)
{
	pr_info("hello loaded\n");
	return 0;
}

static void __exit hello_exit(void)
{
	pr_info("hello unloaded\n");
}

module_init(hello_init);
module_exit(hello_exit);
MODULE_LICENSE("GPL");
MODULE_AUTHOR("pymodpost fixtures");
MODULE_DESCRIPTION("pymodpost fixture: minimal module");
