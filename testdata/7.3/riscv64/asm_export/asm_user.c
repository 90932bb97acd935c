// SPDX-License-Identifier: GPL-2.0
/* Uses the assembly export of asm_export, built in the same modpost run: the symbol has
 * no CRC, so modpost warns and leaves it out of this module's __versions. */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt
#include <linux/init.h>
#include <linux/module.h>
#include <linux/printk.h>

int pm_asm_answer(void);

static int __init asm_user_init(void)
{
	pr_info("asm_user loaded answer=%d\n", pm_asm_answer());
	return 0;
}

static void __exit asm_user_exit(void)
{
	pr_info("asm_user unloaded\n");
}

module_init(asm_user_init);
module_exit(asm_user_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("pymodpost fixture: user of an unversioned export");
