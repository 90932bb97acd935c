// SPDX-License-Identifier: GPL-2.0
/* Uses symbols that Debian's amd64 kernel exports from modules (crc-itu-t, crc8), not
 * from vmlinux: modpost takes their CRCs from the kernel's Module.symvers and names the
 * providing modules in depends=.  Loading it needs crc-itu-t.ko and crc8.ko first. */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt
#include <linux/init.h>
#include <linux/module.h>
#include <linux/printk.h>
#include <linux/crc-itu-t.h>
#include <linux/crc8.h>

static const u8 pm_bytes[] = "123456789";

DECLARE_CRC8_TABLE(pm_crc8_table);

static int __init kdepends_init(void)
{
	crc8_populate_msb(pm_crc8_table, 0x07);
	pr_info("crc_itu_t=%#06x crc8=%#04x\n", crc_itu_t(0, pm_bytes, 9),
		crc8(pm_crc8_table, pm_bytes, 9, CRC8_INIT_VALUE));
	return 0;
}

static void __exit kdepends_exit(void)
{
	pr_info("kdepends unloaded\n");
}

module_init(kdepends_init);
module_exit(kdepends_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("pymodpost fixture: dependencies on in-kernel modules");
