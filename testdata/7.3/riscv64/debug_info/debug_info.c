// SPDX-License-Identifier: GPL-2.0
/* A little code with structure, loops and locals so the DWARF has line tables,
 * location lists and type information worth relocating. */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt
#include <linux/init.h>
#include <linux/module.h>
#include <linux/printk.h>

struct pm_point {
	int x;
	int y;
};

static struct pm_point pm_points[] = { { 1, 2 }, { 3, 5 }, { 8, 13 } };

static noinline long pm_area(const struct pm_point *p, int n)
{
	long twice = 0;
	int i;

	for (i = 0; i < n; i++) {
		const struct pm_point *a = &p[i], *b = &p[(i + 1) % n];

		twice += (long)a->x * b->y - (long)b->x * a->y;
	}
	return twice < 0 ? -twice : twice;
}

static int __init debug_info_init(void)
{
	pr_info("debug_info loaded twice_area=%ld\n", pm_area(pm_points, ARRAY_SIZE(pm_points)));
	return 0;
}

static void __exit debug_info_exit(void)
{
	pr_info("debug_info unloaded\n");
}

module_init(debug_info_init);
module_exit(debug_info_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("pymodpost fixture: DWARF on riscv64");
