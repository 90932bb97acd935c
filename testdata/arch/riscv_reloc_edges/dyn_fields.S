/* SPDX-License-Identifier: GPL-2.0 */
/* A dynamic-linking relocation: 6.7+ refuses it by name ("Dynamic linking not supported"). */
	.section .data.pm_dyn, "aw"
	.balign 8
pm_dyn:
	.reloc pm_dyn, R_RISCV_RELATIVE, pm_dyn
	.quad 0
	.quad 0
