// SPDX-License-Identifier: GPL-2.0
/* A module whose init faults on purpose: the harness must survive it (the kernel kills the
 * process that called finit_module, not the guest's PID 1) and report the oops. */
#include <linux/init.h>
#include <linux/module.h>
#include <linux/printk.h>

static int __init oops_init(void)
{
	volatile int *nowhere = NULL;

	pr_info("oops: about to read address 0\n");
	return *nowhere;
}

module_init(oops_init);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("pymodpost harness test: a module whose init oopses");
