// SPDX-License-Identifier: GPL-2.0
/* Code that makes the compiler and kernel macros emit the loader's bookkeeping tables:
 * WARN_ON_ONCE (__bug_table), unsafe_get_user on a bad pointer (__ex_table fixups),
 * a parameter with custom get/set ops (kernel_param_ops pointers in __param), and a
 * function pointer table in .data.rel.ro. */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt
#include <linux/init.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/printk.h>
#include <linux/uaccess.h>
#include <linux/bug.h>

static int pm_level = 1;

static int pm_level_set(const char *val, const struct kernel_param *kp)
{
	int n, ret = kstrtoint(val, 0, &n);

	if (ret)
		return ret;
	if (n < 0 || n > 9)
		return -ERANGE;
	pm_level = n;
	return 0;
}

static int pm_level_get(char *buffer, const struct kernel_param *kp)
{
	return sprintf(buffer, "level-%d\n", pm_level);
}

static const struct kernel_param_ops pm_level_ops = {
	.set = pm_level_set,
	.get = pm_level_get,
};
module_param_cb(level, &pm_level_ops, NULL, 0644);
MODULE_PARM_DESC(level, "0..9, through custom kernel_param_ops");

static int pm_double(int x) { return 2 * x; }
static int pm_square(int x) { return x * x; }
static int (*const pm_ops[])(int) = { pm_double, pm_square };

/* A user access to an address no process maps: the fault is fixed up via __ex_table.
 * unsafe_get_user is expanded inline on both architectures (x86's get_user/__get_user
 * call out of line into the kernel, whose own table would then hold the fixup). */
static noinline int pm_probe_user(void)
{
	int value = 0;
	int __user *bad = (int __user *)16;

	if (!user_access_begin(bad, sizeof(*bad)))
		return -EFAULT;
	unsafe_get_user(value, bad, fault);
	user_access_end();
	return value;
fault:
	user_access_end();
	return -EFAULT;
}

static int __init extables_init(void)
{
	WARN_ON_ONCE(pm_level > 9);
	pr_info("extables loaded level=%d ops=%d,%d probe=%d\n", pm_level, pm_ops[0](pm_level),
		pm_ops[1](pm_level + 2), pm_probe_user());
	return 0;
}

static void __exit extables_exit(void)
{
	pr_info("extables unloaded level=%d\n", pm_level);
}

module_init(extables_init);
module_exit(extables_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("pymodpost fixture: __bug_table, __ex_table, param ops");
