// SPDX-License-Identifier: GPL-2.0
/* Code that makes the compiler and kernel macros emit the loader's bookkeeping tables:
 * WARN_ON_ONCE (__bug_table), unsafe_get_user on a bad pointer (__ex_table fixups),
 * a parameter with custom get/set ops (kernel_param_ops pointers in __param), a
 * function pointer table in .data.rel.ro, and the call-site tables of pm_call_sites(). */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt
#include <linux/init.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/printk.h>
#include <linux/uaccess.h>
#include <linux/bug.h>
#include <linux/atomic.h>
#include <linux/irqflags.h>
#include <linux/sched.h>

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

static atomic_t pm_events = ATOMIC_INIT(0);

/* Kernel idioms that leave per-call-site records for the loader to patch or sort: a locked
 * atomic increment (x86 .smp_locks), interrupt flag handling through paravirt ops
 * (.parainstructions), cond_resched() through a static call (.static_call_sites) and an
 * indirect call through a retpoline thunk (.retpoline_sites). */
static noinline int pm_call_sites(int (*volatile op)(int), int x)
{
	unsigned long flags;
	int result;

	local_irq_save(flags);
	atomic_inc(&pm_events);
	local_irq_restore(flags);
	cond_resched();
	result = op(x);
	return result + atomic_read(&pm_events);
}

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
	pr_info("extables loaded level=%d ops=%d,%d probe=%d sites=%d\n", pm_level,
		pm_ops[0](pm_level), pm_ops[1](pm_level + 2), pm_probe_user(),
		pm_call_sites(pm_ops[1], 3));
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
