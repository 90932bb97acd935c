// SPDX-License-Identifier: GPL-2.0
/* Arithmetic half of the composite fixture. */
#include <linux/module.h>
#include "composite.h"

int pm_composite_calls;

int pm_composite_sum(const int *values, int n)
{
	int total = 0;
	int i;

	pm_composite_calls++;
	for (i = 0; i < n; i++)
		total += values[i];
	return total;
}
