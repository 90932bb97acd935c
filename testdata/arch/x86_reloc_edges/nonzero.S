	.section .data.px, "aw"
	.balign 8
px_a:	.quad 0
px_b:	.quad 0
px_field:
	.reloc px_field, R_X86_64_64, px_a
	.quad 5
