"""The ELF format layer: constants, a numpy-backed reader and an ET_REL writer.

Everything else in pymodpost reads and writes objects through here::

    from pymodpost.elf import ElfFile, ElfError
    elf = ElfFile.open("hello.o")
    syms = elf.symtab            # numpy arrays + names
    for rs in elf.relocation_sections():
        rel = elf.relocations(rs)   # offset/sym/type/addend arrays

The names below are imported on first use, so that ``import pymodpost.elf.constants`` (or
``errors``) does not pull in numpy: command-line tools that only need the numbers start fast.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

_HOMES = {
    "ElfError": "errors", "ElfWriteError": "errors", "ElfFile": "reader",
    "ElfHeader": "records", "Group": "records", "Note": "records", "Relocation": "records",
    "Section": "records", "Symbol": "records", "Relocations": "relocations",
    "Symbols": "symbols", "ElfModel": "writer", "OutSection": "writer",
    "StringTableBuilder": "strtab",
}

__all__ = sorted(_HOMES)


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'pymodpost.elf' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"pymodpost.elf.{home}"), name)
    globals()[name] = value
    return value


if TYPE_CHECKING:  # for type checkers and editors: the same names, imported eagerly
    from pymodpost.elf.errors import ElfError, ElfWriteError
    from pymodpost.elf.reader import ElfFile
    from pymodpost.elf.records import ElfHeader, Group, Note, Relocation, Section, Symbol
    from pymodpost.elf.relocations import Relocations
    from pymodpost.elf.strtab import StringTableBuilder
    from pymodpost.elf.symbols import Symbols
    from pymodpost.elf.writer import ElfModel, OutSection
