// SPDX-License-Identifier: GPL-2.0
/* Built with asynchronous unwind tables so the object carries an .eh_frame section with
 * PC-relative relocations (R_RISCV_32_PCREL on riscv64). */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt
#include <linux/init.h>
#include <linux/module.h>
#include <linux/printk.h>

static noinline int pm_fib(int n)
{
	return n < 2 ? n : pm_fib(n - 1) + pm_fib(n - 2);
}

static int __init eh_frame_init(void)
{
	pr_info("eh_frame loaded fib(10)=%d\n", pm_fib(10));
	return 0;
}

static void __exit eh_frame_exit(void)
{
	pr_info("eh_frame unloaded\n");
}

module_init(eh_frame_init);
module_exit(eh_frame_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("pymodpost fixture: .eh_frame with PC-relative relocations");
