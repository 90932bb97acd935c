	.section .data.px, "aw"
	.balign 8
px_a:	.quad 0
px_field:
	.reloc px_field, R_X86_64_64, px_a
	.quad 0
	.reloc px_field+8, R_X86_64_32, px_a
	.long 7
