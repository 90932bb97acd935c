/* SPDX-License-Identifier: GPL-2.0 */
/* Functions shared between the object files of the composite fixture. */
#ifndef PM_COMPOSITE_H
#define PM_COMPOSITE_H
int pm_composite_sum(const int *values, int n);
const char *pm_composite_name(int index);
extern int pm_composite_calls;
#endif
