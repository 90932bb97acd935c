// SPDX-License-Identifier: GPL-2.0
/* Exports a symbol vmlinux already exports (memchr_inv, lib/string.c on both fixture
 * kernels): modpost rejects an external module re-exporting a vmlinux symbol. */
#include <linux/init.h>
#include <linux/module.h>
#include <linux/string.h>

void *memchr_inv(const void *start, int c, size_t bytes)
{
	const unsigned char *p = start;

	for (; bytes; bytes--, p++)
		if (*p != (unsigned char)c)
			return (void *)p;
	return NULL;
}
EXPORT_SYMBOL(memchr_inv);

MODULE_LICENSE("GPL");
