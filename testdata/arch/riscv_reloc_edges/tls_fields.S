/* SPDX-License-Identifier: GPL-2.0 */
/* A TLS code relocation: 6.7+ refuses it by name ("Thread local storage not supported"). */
	.section .data.pm_tls, "aw"
	.balign 4
pm_tls:
	.reloc pm_tls, R_RISCV_TPREL_HI20, pm_tls
	.word 0
	.word 0
