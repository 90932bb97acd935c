// SPDX-License-Identifier: GPL-2.0
/* C half of the asm_export fixture: calls the assembly function. */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt
#include <linux/init.h>
#include <linux/module.h>
#include <linux/printk.h>

int pm_asm_answer(void);

static int __init asm_export_init(void)
{
	pr_info("asm_export loaded answer=%d\n", pm_asm_answer());
	return 0;
}

static void __exit asm_export_exit(void)
{
	pr_info("asm_export unloaded\n");
}

module_init(asm_export_init);
module_exit(asm_export_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("pymodpost fixture: symbol exported from assembly");
