// SPDX-License-Identifier: GPL-2.0
/* Undefined function and variable, built with modpost -w: warnings, .ko produced. */
#include <linux/init.h>
#include <linux/module.h>

extern int pm_nobody_defines_this(int x);
extern int pm_missing_variable;

static int __init unresolved_warn_init(void)
{
	return pm_nobody_defines_this(pm_missing_variable);
}

module_init(unresolved_warn_init);
MODULE_LICENSE("GPL");
