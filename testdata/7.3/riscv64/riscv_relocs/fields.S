/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Data fields the loader must compute from relocations that accumulate at one address:
 * differences of two labels 32 bytes apart (ADD/SUB pairs of every width, SET6/SUB6) and
 * the low bits of a label's own address (SET32/SET16/SET8/SET6).  The assembler emits them
 * as pairs of relocations because the labels lie in another section than the field.
 * Loaders without these handlers (6.1: only ADD/SUB 32 and 64) refuse the module.
 */
	.section .text.pm_span, "ax"
	.globl pm_span_start
pm_span_start:
	.space 32
pm_span_end:

	.section .data.pm_fields, "aw"
	.globl pm_diff64, pm_diff32, pm_diff16, pm_diff8, pm_diff6
	.globl pm_set32, pm_set16, pm_set8, pm_set6
	.balign 8
pm_diff64:
	.quad pm_span_end - pm_span_start	/* R_RISCV_ADD64 + R_RISCV_SUB64 */
pm_diff32:
	.word pm_span_end - pm_span_start	/* R_RISCV_ADD32 + R_RISCV_SUB32 */
pm_diff16:
	.half pm_span_end - pm_span_start	/* R_RISCV_ADD16 + R_RISCV_SUB16 */
pm_diff8:
	.byte pm_span_end - pm_span_start	/* R_RISCV_ADD8 + R_RISCV_SUB8 */
pm_diff6:
	.reloc pm_diff6, R_RISCV_SET6, pm_span_end
	.reloc pm_diff6, R_RISCV_SUB6, pm_span_start
	.byte 0
	.balign 4
pm_set32:
	.reloc pm_set32, R_RISCV_SET32, pm_set32
	.word 0
pm_set16:
	.reloc pm_set16, R_RISCV_SET16, pm_set16
	.half 0
pm_set8:
	.reloc pm_set8, R_RISCV_SET8, pm_set8
	.byte 0
pm_set6:
	.reloc pm_set6, R_RISCV_SET6, pm_set6
	.byte 0
