/* SPDX-License-Identifier: GPL-2.0 */
/* An assembly function exported from a .S file.  genksyms cannot version it (no C
 * prototype in asm-prototypes.h), so modpost warns that its version generation failed. */
#include <linux/linkage.h>
#if __has_include(<asm-generic/export.h>)	/* removed in 6.6: <linux/export.h> serves .S */
#include <asm-generic/export.h>
#endif

#ifdef CONFIG_X86
#include <asm/ibt.h>
SYM_FUNC_START(pm_asm_answer)
	ENDBR
	movl	$42, %eax
	RET
SYM_FUNC_END(pm_asm_answer)
#else
SYM_FUNC_START(pm_asm_answer)
	li	a0, 42
	ret
SYM_FUNC_END(pm_asm_answer)
#endif
EXPORT_SYMBOL(pm_asm_answer)
