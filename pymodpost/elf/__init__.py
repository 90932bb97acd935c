"""The ELF format layer: constants, a numpy-backed reader and an ET_REL writer.

Everything else in pymodpost reads and writes objects through here::

    from pymodpost.elf import ElfFile, ElfError
    elf = ElfFile.open("hello.o")
    syms = elf.symtab            # numpy arrays + names
    for rs in elf.relocation_sections():
        rel = elf.relocations(rs)   # offset/sym/type/addend arrays
"""

from pymodpost.elf.errors import ElfError
from pymodpost.elf.reader import ElfFile
from pymodpost.elf.records import ElfHeader, Group, Note, Relocation, Section, Symbol
from pymodpost.elf.relocations import Relocations
from pymodpost.elf.symbols import Symbols

__all__ = [
    "ElfError", "ElfFile", "ElfHeader", "Group", "Note", "Relocation", "Relocations", "Section",
    "Symbol", "Symbols",
]
