"""A symbol table as numpy arrays over the file bytes.

Bulk users (modpost walks every symbol of thousands of objects) work on the arrays; ``names`` is
decoded once for the whole table.  ``Symbol`` objects are made only when one is indexed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

import numpy as np

from pymodpost.elf import constants as C
from pymodpost.elf import layouts
from pymodpost.elf.lazy import cached
from pymodpost.elf.records import Section, Symbol
from pymodpost.elf.strings import BadStringOffset, strings_at

if TYPE_CHECKING:
    from pymodpost.elf.reader import ElfFile


class Symbols:
    """Entries of an SHT_SYMTAB (or SHT_DYNSYM) section.

    Arrays (all the same length, one entry per symbol, entry 0 being the null symbol):
    ``array`` (the raw structured view, fields named as the spec: st_name, st_info ...), ``shndx``
    (section index with SHN_XINDEX resolved), ``bind``, ``type``, ``visibility``.
    """

    def __init__(self, elf: ElfFile, section: Section):
        self.elf = elf
        self.section = section
        if section.type not in (C.SHT_SYMTAB, C.SHT_DYNSYM):
            raise elf.error(f"section {section.index} ({section.name}) is not a symbol table")
        dtype = layouts.SYM.dtype(elf.elfclass, elf.little)
        elf.check_entries(section, dtype.itemsize, "symbol table")
        self.strtab = elf.linked_section(section, "string table", C.SHT_STRTAB)
        self.array = elf.table(section, dtype)

    @property
    def first_global(self) -> int:
        """Index of the first non-local symbol (sh_info of the symbol table)."""
        return self.section.info

    def __len__(self) -> int:
        return len(self.array)

    # --- derived arrays -------------------------------------------------------------------
    @cached
    def bind(self) -> np.ndarray:
        return self.array["st_info"] >> 4

    @cached
    def type(self) -> np.ndarray:
        return self.array["st_info"] & 0xF

    @cached
    def visibility(self) -> np.ndarray:
        return self.array["st_other"] & 0x3

    @cached
    def value(self) -> np.ndarray:
        return self.array["st_value"].astype(np.uint64)

    @cached
    def size(self) -> np.ndarray:
        return self.array["st_size"].astype(np.uint64)

    @cached
    def shndx(self) -> np.ndarray:
        """st_shndx as uint32, SHN_XINDEX entries replaced from SHT_SYMTAB_SHNDX.

        Checked in one go: an index naming no section (and not a reserved SHN_* value) is an
        ElfError here, so users of this array may index ``elf.sections`` with it safely
        (after excluding the reserved values >= SHN_LORESERVE and SHN_UNDEF).
        """
        raw = self.array["st_shndx"]
        out = raw.astype(np.uint32)
        xmask = raw == C.SHN_XINDEX
        if xmask.any():
            out[xmask] = self._extended_indexes()[xmask]
        nsec = len(self.elf.sections)
        bad = (out >= nsec) & ((out < C.SHN_LORESERVE) | xmask)
        if len(bad):
            bad[0] = False  # the null symbol is never looked at
        if bad.any():
            i = int(np.flatnonzero(bad)[0])
            raise self.elf.error(f"symbol {i} ({self._name_or_index(i)}) has section index "
                                 f"{int(out[i])}, which is out of range ({nsec} sections)")
        return out

    def _extended_indexes(self) -> np.ndarray:
        for s in self.elf.sections:
            if s.type == C.SHT_SYMTAB_SHNDX and s.link == self.section.index:
                words = np.frombuffer(self.elf.section_data(s)[: (s.size // 4) * 4],
                                      layouts.word_dtype(self.elf.little))
                if len(words) < len(self):
                    raise self.elf.error(f"extended section index table {s.name} has {len(words)} "
                                         f"entries for {len(self)} symbols")
                return words[: len(self)].astype(np.uint32)
        raise self.elf.error(f"symbol table {self.section.name} uses SHN_XINDEX but no "
                             f"SHT_SYMTAB_SHNDX section belongs to it")

    # --- names ----------------------------------------------------------------------------
    @cached
    def names(self) -> list[str]:
        """Every symbol's name, decoded in one pass over the string table."""
        try:
            return strings_at(self.elf.section_bytes(self.strtab), self.array["st_name"])
        except BadStringOffset as e:
            where = "is not NUL-terminated" if e.unterminated else "is past the end of it"
            raise self.elf.error(f"symbol {e.position}: name at offset {e.offset:#x} in "
                                 f"{self.strtab.name} {where}") from None

    def name(self, i: int) -> str:
        self._check_index(i)
        return self.names[i]

    def _name_or_index(self, i: int) -> str:
        try:
            return repr(self.names[i])
        except Exception:  # the names themselves may be what is broken
            return f"#{i}"

    @cached
    def _index_by_name(self) -> dict[str, int]:
        names = self.names
        idx = range(len(names) - 1, 0, -1)
        # built back to front so that the earliest entry of a name overwrites later ones;
        # then defined entries again, so a definition wins over an earlier undefined reference
        out = {names[i]: i for i in idx if names[i]}
        defined = np.flatnonzero(self.array["st_shndx"] != C.SHN_UNDEF)[::-1].tolist()
        out.update({names[i]: i for i in defined if i and names[i]})
        return out

    def index_by_name(self) -> dict[str, int]:
        """name -> symbol index.  For a name that occurs more than once (local statics of a
        composite object, a reference plus a definition) the first *defined* entry wins, or
        the first entry when none is defined.  Empty names are left out."""
        return self._index_by_name

    # --- entries --------------------------------------------------------------------------
    def _check_index(self, i: int) -> None:
        if not 0 <= i < len(self.array):
            raise self.elf.error(f"symbol index {i} is out of range ({len(self.array)} symbols "
                                 f"in {self.section.name})")

    def __getitem__(self, i: int) -> Symbol:
        if i < 0:
            i += len(self.array)
        self._check_index(i)
        e = self.array[i]
        info, other, st_shndx = int(e["st_info"]), int(e["st_other"]), int(e["st_shndx"])
        return Symbol(i, self.names[i], int(e["st_value"]), int(e["st_size"]), info >> 4, info & 0xF,
                      other & 3, other, int(self.shndx[i]), st_shndx)

    def __iter__(self) -> Iterator[Symbol]:
        for i in range(len(self.array)):
            yield self[i]
