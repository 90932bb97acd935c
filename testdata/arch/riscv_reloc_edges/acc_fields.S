/* SPDX-License-Identifier: GPL-2.0 */
/* Fields whose relocations a 6.7+ riscv64 kernel queues per place and stores after the section.
 * gas 2.40 has no names for R_RISCV_SET_ULEB128/SUB_ULEB128 (60/61) or R_RISCV_PLT32 (59):
 * the fields pm_uleb, pm_uleb_zero and pm_plt32 carry SET32/SUB32 and 32_PCREL here, which
 * testdata/arch/gen_reloc_oracle.py turns into those types in the linked .ko. */
	.section .text.pm_span, "ax"
	.globl pm_span_start
pm_span_start:
	.space 300
pm_span_end:

	.section .data.pm_acc, "aw"
	.globl pm_overlap
	.balign 8
pm_overlap:	/* four SET32 at +0..+3: the kernel's store order decides the shared bytes */
	.reloc pm_overlap, R_RISCV_SET32, pm_v0
	.reloc pm_overlap+1, R_RISCV_SET32, pm_v1
	.reloc pm_overlap+2, R_RISCV_SET32, pm_v2
	.reloc pm_overlap+3, R_RISCV_SET32, pm_v3
	.quad 0
pm_range8:	/* 300 summed at 64 bits, stored by an 8-bit relocation: printed, field kept */
	.reloc pm_range8, R_RISCV_ADD64, pm_span_end
	.reloc pm_range8, R_RISCV_SUB64, pm_span_start
	.reloc pm_range8, R_RISCV_ADD8, pm_span_start
	.reloc pm_range8, R_RISCV_SUB8, pm_span_start
	.byte 0x55
pm_neg8:	/* -300 stored by an 8-bit relocation: passes the signed check */
	.reloc pm_neg8, R_RISCV_SUB64, pm_span_end
	.reloc pm_neg8, R_RISCV_ADD64, pm_span_start
	.reloc pm_neg8, R_RISCV_ADD8, pm_span_start
	.reloc pm_neg8, R_RISCV_SUB8, pm_span_start
	.byte 0x55
pm_top6:	/* SET6 keeps the byte's top two bits */
	.reloc pm_top6, R_RISCV_SET6, pm_span_end
	.byte 0xc0
pm_add_old:	/* ADD32 on a field that is not zero: the field is not read */
	.reloc pm_add_old, R_RISCV_ADD32, pm_span_end
	.reloc pm_add_old, R_RISCV_SUB32, pm_span_start
	.byte 0x11
	.balign 4
pm_old32:
	.word 0x01000000
	.balign 8
pm_uleb:	/* SET32/SUB32 here become SET_ULEB128/SUB_ULEB128 in the .ko (gas 2.40 cannot name them) */
	.reloc pm_uleb, R_RISCV_SET32, pm_span_end
	.reloc pm_uleb, R_RISCV_SUB32, pm_span_start
	.word 0
pm_uleb_zero:	/* a zero ULEB128 sum writes nothing */
	.reloc pm_uleb_zero, R_RISCV_SET32, pm_span_start
	.reloc pm_uleb_zero, R_RISCV_SUB32, pm_span_start
	.byte 0xaa, 0xbb, 0xcc, 0xdd
pm_pcrel:
	.reloc pm_pcrel, R_RISCV_32_PCREL, pm_span_end
	.word 0
pm_plt32:	/* a 32_PCREL here becomes PLT32 in the .ko */
	.reloc pm_plt32, R_RISCV_32_PCREL, pm_span_end
	.word 0

	.section .rodata.pm_vals, "a"
	.globl pm_v0, pm_v1, pm_v2, pm_v3
pm_v0:	.byte 0
pm_v1:	.byte 0
pm_v2:	.byte 0
pm_v3:	.byte 0
