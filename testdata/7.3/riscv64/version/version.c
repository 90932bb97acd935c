// SPDX-License-Identifier: GPL-2.0
/* MODULE_VERSION (which makes modpost compute a srcversion from the sources), and the
 * free-form modinfo lines: MODULE_ALIAS, MODULE_SOFTDEP, MODULE_FIRMWARE, MODULE_INFO,
 * author and description, licence variants. */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt
#include <linux/init.h>
#include <linux/module.h>
#include <linux/printk.h>
#include "version_local.h"

static int __init version_init(void)
{
	pr_info("version %s loaded, answer=%d\n", PM_VERSION_STRING, PM_ANSWER);
	return 0;
}

static void __exit version_exit(void)
{
	pr_info("version unloaded\n");
}

module_init(version_init);
module_exit(version_exit);
MODULE_VERSION(PM_VERSION_STRING);
MODULE_ALIAS("pymodpost-version");
MODULE_ALIAS("char-major-240-*");
MODULE_SOFTDEP("pre: hello post: params");
MODULE_FIRMWARE("pymodpost/fixture-fw.bin");
MODULE_INFO(pm_custom_key, "custom value with spaces");
MODULE_AUTHOR("First Author <first@example.org>");
MODULE_AUTHOR("Second Author");
MODULE_DESCRIPTION("pymodpost fixture: version, srcversion and modinfo lines");
MODULE_LICENSE("Dual BSD/GPL");
