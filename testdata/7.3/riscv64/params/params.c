// SPDX-License-Identifier: GPL-2.0
/* Every common kind of module parameter; init prints their values so a loader test can
 * compare "insmod params.ko count=7 ..." against the kernel log. */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt
#include <linux/init.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/printk.h>

static int count = 3;
module_param(count, int, 0644);
MODULE_PARM_DESC(count, "an int parameter");

static char *greeting = "hi";
module_param(greeting, charp, 0444);
MODULE_PARM_DESC(greeting, "a charp parameter");

static bool verbose;
module_param(verbose, bool, 0644);
MODULE_PARM_DESC(verbose, "a bool parameter");

static int levels[4] = { 1, 2 };
static int nr_levels = 2;
module_param_array(levels, int, &nr_levels, 0444);
MODULE_PARM_DESC(levels, "an int array parameter");

static char label[16] = "default";
module_param_string(label, label, sizeof(label), 0644);
MODULE_PARM_DESC(label, "a fixed-size string parameter");

static unsigned long mask = 0xff;
module_param_named(bitmask, mask, ulong, 0600);
MODULE_PARM_DESC(bitmask, "an unsigned long exposed under another name");

static int __init params_init(void)
{
	int i;

	pr_info("count=%d greeting=%s verbose=%d label=%s bitmask=%#lx nr_levels=%d\n",
		count, greeting, verbose, label, mask, nr_levels);
	for (i = 0; i < nr_levels; i++)
		pr_info("levels[%d]=%d\n", i, levels[i]);
	return 0;
}

static void __exit params_exit(void)
{
	pr_info("params unloaded count=%d\n", count);
}

module_init(params_init);
module_exit(params_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("pymodpost fixture: module parameters");
