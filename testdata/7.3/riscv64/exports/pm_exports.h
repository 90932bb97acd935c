/* SPDX-License-Identifier: GPL-2.0 */
/* Declarations of the symbols exported by the exports fixture. */
#ifndef PM_EXPORTS_H
#define PM_EXPORTS_H
extern int pm_exports_counter;
int pm_add(int a, int b);
int pm_gpl_mul(int a, int b);
int pm_ns_square(int a);
int pm_ns_gpl_negate(int a);
#endif
