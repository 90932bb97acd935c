// SPDX-License-Identifier: GPL-2.0
/* Not named by modns_owner's export, and imports nothing: modpost rejects the use. */
#include <linux/module.h>

extern int pm_modns_secret;

int pm_stranger_peek(void)
{
	return pm_modns_secret;
}
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("pymodpost fixture: use of a module: namespace it is not admitted to");
