// SPDX-License-Identifier: GPL-2.0
/* Exports pm_modns_secret to the module modns_friend only (which is not built here). */
#include <linux/module.h>

int pm_modns_secret = 11;
#ifdef EXPORT_SYMBOL_FOR_MODULES	/* the 6.16+ name; 6.12 has the _GPL_ one */
EXPORT_SYMBOL_FOR_MODULES(pm_modns_secret, "modns_friend");
#else
EXPORT_SYMBOL_GPL_FOR_MODULES(pm_modns_secret, "modns_friend");
#endif
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("pymodpost fixture: module: namespace with one admitted module");
