// SPDX-License-Identifier: GPL-2.0
/* A module whose only content is its data section and the relocations on it (the *_fields.S
 * file linked with it); init does nothing: the real kernel's bytes are read by gdb at
 * module_finalize (../gen_reloc_oracle.py). */
#include <linux/init.h>
#include <linux/module.h>

static int __init pm_init(void)
{
	return 0;
}

static void __exit pm_exit(void)
{
}

module_init(pm_init);
module_exit(pm_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("pymodpost fixture: riscv64 relocation edge cases");
