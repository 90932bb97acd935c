// SPDX-License-Identifier: GPL-2.0
/* Section mismatches: ordinary (non-__init) code referencing an __init function and
 * __initdata, ordinary data pointing at an __init function, an exported __init
 * function, and ordinary code using __exit code and __exitdata.  With
 * CONFIG_SECTION_MISMATCH_WARN_ONLY=y modpost only warns, so the module still links. */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt
#include <linux/init.h>
#include <linux/module.h>
#include <linux/printk.h>

static int pm_boot_value __initdata = 17;

static noinline int __init pm_setup(void)
{
	return 3;
}

/* Not __init, yet it calls into .init.text and reads .init.data. */
noinline int pm_late_user(void)
{
	return pm_setup() + pm_boot_value;
}
EXPORT_SYMBOL_GPL(pm_late_user);

/* An exported __init function: the export outlives the code. */
int __init pm_exported_init_fn(void)
{
	return 4;
}
EXPORT_SYMBOL(pm_exported_init_fn);

/* Ordinary data holding the address of an __init function. */
int (*pm_setup_hook)(void) = pm_setup;
EXPORT_SYMBOL_GPL(pm_setup_hook);

static int pm_exit_value __exitdata = 23;

static noinline void __exit pm_teardown(void)
{
	pr_info("teardown\n");
}

/* Ordinary code calling into .exit.text and reading .exit.data. */
noinline int pm_early_teardown(void)
{
	pm_teardown();
	return pm_exit_value;
}
EXPORT_SYMBOL_GPL(pm_early_teardown);

static int __init mismatch_init(void)
{
	pr_info("mismatch loaded value=%d\n", pm_late_user());
	return 0;
}

static void __exit mismatch_exit(void)
{
	pr_info("mismatch unloaded\n");
}

module_init(mismatch_init);
module_exit(mismatch_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("pymodpost fixture: section mismatch warnings");
