/* SPDX-License-Identifier: GPL-2.0 */
/* One relocation in its section: 6.7+ sizes the hash table with 0 bits and the compiled
 * kernel then indexes far past it (hash_64 shifts by 64, which srl takes as 0): an oops. */
	.section .data.pm_one, "aw"
	.balign 4
pm_one:	/* the only relocation of its section: 6.7+ hashes it with 0 bits */
	.reloc pm_one, R_RISCV_SET32, pm_one
	.word 0
