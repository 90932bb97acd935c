"""The ELF format layer: constants, a numpy-backed reader and an ET_REL writer.

Everything else in pymodpost reads and writes objects through here::

    from pymodpost.elf import ElfFile, ElfError
    elf = ElfFile.open("hello.o")
    syms = elf.symtab            # numpy arrays + names
    for rs in elf.relocation_sections():
        rel = elf.relocations(rs)   # offset/sym/type/addend arrays

The names below are imported on first use, so that ``import pymodpost.elf.constants`` (or
``errors``, ``layouts``) does not pull in numpy: command-line tools that only need the numbers
start fast.  ``diff_files(a, b)`` compares two objects section by section (``pymodpost diff``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pymodpost.lazy_exports import lazy_exports

_HOMES = {
    "ElfError": "errors", "ElfWriteError": "errors", "ElfFile": "reader",
    "ElfHeader": "records", "Group": "records", "Note": "records", "Relocation": "records",
    "Section": "records", "Symbol": "records", "Relocations": "relocations",
    "Symbols": "symbols", "ElfModel": "writer", "OutSection": "writer",
    "StringTableBuilder": "strtab", "DiffResult": "diff", "diff_elf": "diff",
    "diff_files": "diff",
}

__all__ = sorted(_HOMES)
__getattr__ = lazy_exports(__name__, _HOMES)


if TYPE_CHECKING:  # for type checkers and editors: the same names, imported eagerly
    from pymodpost.elf.diff import DiffResult, diff_elf, diff_files
    from pymodpost.elf.errors import ElfError, ElfWriteError
    from pymodpost.elf.reader import ElfFile
    from pymodpost.elf.records import ElfHeader, Group, Note, Relocation, Section, Symbol
    from pymodpost.elf.relocations import Relocations
    from pymodpost.elf.strtab import StringTableBuilder
    from pymodpost.elf.symbols import Symbols
    from pymodpost.elf.writer import ElfModel, OutSection
