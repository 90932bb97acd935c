// SPDX-License-Identifier: GPL-2.0
/* Data and code in the special sections the module loader treats differently:
 * .init.text/.init.data (freed after init), .exit.text/.exit.data, .data..ro_after_init
 * (made read-only after init) and .data..read_mostly. */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt
#include <linux/init.h>
#include <linux/module.h>
#include <linux/printk.h>
#include <linux/cache.h>

static int pm_init_table[4] __initdata = { 10, 20, 30, 40 };
static const char pm_init_banner[] __initconst = "sections init banner";
static int pm_exit_value __exitdata = 99;
static int pm_after_init __ro_after_init;
static int pm_mostly_read __read_mostly = 7;
static int pm_bss_counter;
static int pm_data_counter = 5;

static int __init pm_init_helper(int index)
{
	return pm_init_table[index];
}

static int __init sections_init(void)
{
	int i, total = 0;

	for (i = 0; i < ARRAY_SIZE(pm_init_table); i++)
		total += pm_init_helper(i);
	pm_after_init = total;
	pm_bss_counter++;
	pr_info("%s: total=%d ro_after_init=%d read_mostly=%d bss=%d data=%d\n",
		pm_init_banner, total, pm_after_init, pm_mostly_read, pm_bss_counter,
		pm_data_counter);
	return 0;
}

static void __exit sections_exit(void)
{
	pr_info("sections unloaded exit_value=%d ro_after_init=%d\n", pm_exit_value,
		pm_after_init);
}

module_init(sections_init);
module_exit(sections_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("pymodpost fixture: __init/__exit/__ro_after_init/__read_mostly");
