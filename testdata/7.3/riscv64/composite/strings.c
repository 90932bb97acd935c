// SPDX-License-Identifier: GPL-2.0
/* String-table half of the composite fixture; the table of pointers needs absolute
 * relocations into .rodata.str. */
#include <linux/module.h>
#include "composite.h"

static const char *const pm_names[] = { "alpha", "beta", "gamma" };

const char *pm_composite_name(int index)
{
	pm_composite_calls++;
	if (index < 0 || index >= ARRAY_SIZE(pm_names))
		return "?";
	return pm_names[index];
}
