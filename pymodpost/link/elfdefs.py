"""The few ELF numbers the linker needs, kept here so ``pymodpost-ld`` starts fast.

``import pymodpost.elf.constants`` runs ``pymodpost/elf/__init__.py``, which loads the numpy
reader; that import alone costs more than the whole link of a small module.  The values are the
ELF gABI's and the x86-64/RISC-V psABIs' (pymodpost.elf.constants has the complete tables, and
tests/link/test_elfdefs.py checks these against them).
"""

ELFMAG = b"\x7fELF"
ET_REL = 1
EM_X86_64, EM_RISCV = 62, 243

SHT_NULL, SHT_PROGBITS, SHT_SYMTAB, SHT_STRTAB, SHT_RELA = 0, 1, 2, 3, 4
SHT_NOTE, SHT_NOBITS, SHT_REL = 7, 8, 9
SHT_INIT_ARRAY, SHT_FINI_ARRAY, SHT_PREINIT_ARRAY, SHT_GROUP, SHT_SYMTAB_SHNDX = 14, 15, 16, 17, 18
SHT_RISCV_ATTRIBUTES = 0x70000003

SHF_WRITE, SHF_ALLOC, SHF_EXECINSTR = 0x1, 0x2, 0x4
SHF_MERGE, SHF_STRINGS, SHF_INFO_LINK, SHF_TLS = 0x10, 0x20, 0x40, 0x400
SHF_MASKOS, SHF_MASKPROC, SHF_EXCLUDE = 0x0FF00000, 0xF0000000, 0x80000000

SHN_UNDEF, SHN_LORESERVE, SHN_ABS, SHN_COMMON, SHN_XINDEX = 0, 0xFF00, 0xFFF1, 0xFFF2, 0xFFFF

STB_LOCAL, STB_GLOBAL, STB_WEAK = 0, 1, 2
STT_NOTYPE, STT_FUNC, STT_SECTION, STT_FILE = 0, 2, 3, 4
