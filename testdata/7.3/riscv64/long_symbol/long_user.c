// SPDX-License-Identifier: GPL-2.0
/* Calls the over-long export of long_provider. */
#include <linux/init.h>
#include <linux/module.h>

int pm_this_exported_function_name_is_far_too_long_for_modversions(int x);

static int __init long_user_init(void)
{
	return pm_this_exported_function_name_is_far_too_long_for_modversions(-1);
}

module_init(long_user_init);
MODULE_LICENSE("GPL");
