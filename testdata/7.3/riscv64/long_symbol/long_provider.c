// SPDX-License-Identifier: GPL-2.0
/* Exports a function with a 60-character name. */
#include <linux/init.h>
#include <linux/module.h>

int pm_this_exported_function_name_is_far_too_long_for_modversions(int x)
{
	return x + 1;
}
EXPORT_SYMBOL(pm_this_exported_function_name_is_far_too_long_for_modversions);

MODULE_LICENSE("GPL");
