// SPDX-License-Identifier: GPL-2.0
/* Imports the module namespace explicitly (written as MODULE_INFO, since 6.12's
 * MODULE_IMPORT_NS cannot spell a ':'): 6.12's modpost accepts it like any namespace,
 * 7.3's refuses ("explicitly importing namespace ... is not allowed"). */
#include <linux/module.h>

extern int pm_modns_secret;

int pm_importer_read(void)
{
	return pm_modns_secret + 1;
}
MODULE_INFO(import_ns, "module:modns_friend");
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("pymodpost fixture: explicit import of a module: namespace");
