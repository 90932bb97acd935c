// SPDX-License-Identifier: GPL-2.0
/* Imports a namespace the kernel itself exports into (EFIVAR, present in vmlinux on both
 * fixture kernels) and references two of its symbols.  They are only printed, not called:
 * without EFI runtime services efivar_lock() dereferences a NULL pointer in 6.1. */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt
#include <linux/init.h>
#include <linux/module.h>
#include <linux/printk.h>
#include <linux/efi.h>

/* Namespaces are string literals from Linux 6.13 on.  EXPORT_SYMBOL_FOR_MODULES (6.16+)
 * tells those kernels apart without including <linux/version.h>, which would change
 * the dependency lists kbuild records for the older fixture kernels. */
#ifdef EXPORT_SYMBOL_FOR_MODULES
MODULE_IMPORT_NS("EFIVAR");
#else
MODULE_IMPORT_NS(EFIVAR);
#endif

static int __init ns_import_init(void)
{
	pr_info("ns_import loaded, imports %ps and %ps\n", efivar_lock, efivar_unlock);
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
