// SPDX-License-Identifier: GPL-2.0
/* Imports a namespace the kernel itself exports into (EFIVAR, present in vmlinux on both
 * fixture kernels) and uses two of its symbols.  Without EFI runtime services
 * efivar_lock() just reports -ENODEV, so loading is harmless. */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt
#include <linux/init.h>
#include <linux/module.h>
#include <linux/printk.h>
#include <linux/efi.h>

MODULE_IMPORT_NS(EFIVAR);

static int __init ns_import_init(void)
{
	int ret = efivar_lock();

	if (ret == 0)
		efivar_unlock();
	pr_info("ns_import loaded efivar_lock=%d\n", ret);
	return 0;
}

static void __exit ns_import_exit(void)
{
	pr_info("ns_import unloaded\n");
}

module_init(ns_import_init);
module_exit(ns_import_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("pymodpost fixture: MODULE_IMPORT_NS of a kernel namespace");
