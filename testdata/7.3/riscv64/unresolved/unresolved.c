// SPDX-License-Identifier: GPL-2.0
/* Calls a function that nothing exports, and reads a variable nobody defines:
 * modpost reports both as undefined. */
#include <linux/init.h>
#include <linux/module.h>

extern int pm_nobody_defines_this(int x);
extern int pm_missing_variable;

static int __init unresolved_init(void)
{
	return pm_nobody_defines_this(pm_missing_variable);
}

module_init(unresolved_init);
MODULE_LICENSE("GPL");
