// SPDX-License-Identifier: GPL-2.0
/* A static key tested with static_branch_unlikely/likely: the compiler emits jump-label
 * entries in __jump_table that the loader must relocate and the kernel patches. */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt
#include <linux/init.h>
#include <linux/module.h>
#include <linux/printk.h>
#include <linux/jump_label.h>

static DEFINE_STATIC_KEY_FALSE(pm_feature_key);
static DEFINE_STATIC_KEY_TRUE(pm_default_on_key);

static bool enable_feature = true;
module_param(enable_feature, bool, 0444);

static noinline int pm_path(void)
{
	int result = 0;

	if (static_branch_unlikely(&pm_feature_key))
		result |= 1;
	if (static_branch_likely(&pm_default_on_key))
		result |= 2;
	return result;
}

static int __init static_keys_init(void)
{
	int before = pm_path();

	if (enable_feature)
		static_branch_enable(&pm_feature_key);
	pr_info("before=%d after=%d\n", before, pm_path());
	return 0;
}

static void __exit static_keys_exit(void)
{
	static_branch_disable(&pm_default_on_key);
	pr_info("static_keys unloaded path=%d\n", pm_path());
}

module_init(static_keys_init);
module_exit(static_keys_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("pymodpost fixture: static keys and jump labels");
