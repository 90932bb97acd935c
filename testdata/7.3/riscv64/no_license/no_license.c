// SPDX-License-Identifier: GPL-2.0
/* Deliberately has no MODULE_LICENSE line. */
#include <linux/init.h>
#include <linux/module.h>
#include <linux/printk.h>

static int __init no_license_init(void)
{
	pr_info("no_license loaded\n");
	return 0;
}

module_init(no_license_init);
MODULE_DESCRIPTION("pymodpost fixture: missing MODULE_LICENSE");
