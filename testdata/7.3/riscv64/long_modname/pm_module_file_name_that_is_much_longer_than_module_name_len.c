// SPDX-License-Identifier: GPL-2.0
/* Nothing but a long file name: modpost rejects the module name. */
#include <linux/init.h>
#include <linux/module.h>

static int __init long_modname_init(void)
{
	return 0;
}

module_init(long_modname_init);
MODULE_LICENSE("GPL");
