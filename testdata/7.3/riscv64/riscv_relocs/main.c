// SPDX-License-Identifier: GPL-2.0
/* Reads back the fields of fields.S: each difference must be 32, each SETn field the low n
 * bits of its own address (SET6 keeps the byte's top two bits, here 0). */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt
#include <linux/init.h>
#include <linux/module.h>
#include <linux/printk.h>
#include <linux/types.h>

extern const u64 pm_diff64;
extern const u32 pm_diff32, pm_set32;
extern const u16 pm_diff16, pm_set16;
extern const u8 pm_diff8, pm_diff6, pm_set8, pm_set6;

static int __init riscv_relocs_init(void)
{
	unsigned long set32 = (unsigned long)&pm_set32, set16 = (unsigned long)&pm_set16;
	unsigned long set8 = (unsigned long)&pm_set8, set6 = (unsigned long)&pm_set6;
	bool ok = pm_diff64 == 32 && pm_diff32 == 32 && pm_diff16 == 32 && pm_diff8 == 32 &&
		  pm_diff6 == 32 && pm_set32 == (u32)set32 && pm_set16 == (u16)set16 &&
		  pm_set8 == (u8)set8 && pm_set6 == (set6 & 0x3f);

	pr_info("diff %llu %u %u %u %u set %s\n", pm_diff64, pm_diff32, pm_diff16, pm_diff8,
		pm_diff6, ok ? "ok" : "wrong");
	return ok ? 0 : -EINVAL;
}

static void __exit riscv_relocs_exit(void)
{
	pr_info("unloaded\n");
}

module_init(riscv_relocs_init);
module_exit(riscv_relocs_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("pymodpost fixture: riscv64 ADD/SUB/SET relocations accumulated at one address");
