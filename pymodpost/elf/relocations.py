"""A relocation section (SHT_REL or SHT_RELA) as numpy arrays over the file bytes."""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

import numpy as np

from pymodpost.elf import constants as C
from pymodpost.elf import layouts
from pymodpost.elf.lazy import cached
from pymodpost.elf.records import Relocation, Section

if TYPE_CHECKING:
    from pymodpost.elf.reader import ElfFile


class Relocations:
    """Entries of one relocation section.

    ``offset`` (uint64), ``sym``, ``type`` and ``addend`` (int64) are arrays of equal length,
    made on first use (read-only views of the file where the byte order allows).  For SHT_REL the addend array is all zeros: REL addends are the bytes
    already at the relocated place in the target section, and reading them needs the relocation
    type's field width -- that is the architecture code's business, not the format's.

    ``target`` is the section the entries patch (sh_info), ``symtab`` the symbol table their
    symbol indexes refer to (sh_link).  Both are checked when the section is opened, as is
    every symbol index.
    """

    def __init__(self, elf: ElfFile, section: Section):
        self.elf = elf
        self.section = section
        if section.type not in (C.SHT_REL, C.SHT_RELA):
            raise elf.error(f"section {section.index} ({section.name}) is not a relocation section")
        self.is_rela = section.type == C.SHT_RELA
        dtype = layouts.rel_view_dtype(elf.elfclass, elf.little, self.is_rela)
        elf.check_entries(section, dtype.itemsize, "relocation section")
        self.target = section.info
        self.symtab = section.link
        self.array = elf.table(section, dtype)
        self._check()

    def _check(self) -> None:
        elf, sec = self.elf, self.section
        nsec = len(elf.sections)
        if sec.flags & C.SHF_INFO_LINK or elf.type == C.ET_REL:
            if not 0 < self.target < nsec:
                raise elf.error(f"relocation section {sec.name}: sh_info {self.target} does not "
                                f"name a section ({nsec} sections)")
        if not len(self.array):
            return
        nsyms = elf.symbol_count(elf.linked_section(sec, "symbol table").index)
        sym = self.array["r_sym"] if elf.elfclass == 64 else self.sym
        if int(sym.max()) >= nsyms:
            i = int(np.flatnonzero(sym >= nsyms)[0])
            raise elf.error(f"relocation {i} in {sec.name} refers to symbol {int(sym[i])}, but "
                            f"{elf.sections[sec.link].name} has only {nsyms} entries")

    # --- the arrays -----------------------------------------------------------------------
    @cached
    def offset(self) -> np.ndarray:
        return self.array["r_offset"].astype(np.uint64, copy=False)

    @cached
    def sym(self) -> np.ndarray:
        if self.elf.elfclass == 64:
            return self.array["r_sym"].astype(np.int64)
        return layouts.r_info_split(32, self.array["r_info"])[0]

    @cached
    def type(self) -> np.ndarray:
        if self.elf.elfclass == 64:
            return self.array["r_type"].astype(np.int64)
        return layouts.r_info_split(32, self.array["r_info"])[1]

    @cached
    def addend(self) -> np.ndarray:
        if self.is_rela:
            return self.array["r_addend"].astype(np.int64, copy=False)
        return np.zeros(len(self.array), np.int64)

    @property
    def target_section(self) -> Section:
        return self.elf.section(self.target)

    def __len__(self) -> int:
        return len(self.array)

    def __getitem__(self, i: int) -> Relocation:
        if i < 0:
            i += len(self.array)
        if not 0 <= i < len(self.array):
            raise self.elf.error(f"relocation index {i} is out of range ({len(self.array)} entries "
                                 f"in {self.section.name})")
        return Relocation(int(self.offset[i]), int(self.sym[i]), int(self.type[i]),
                          int(self.addend[i]))

    def __iter__(self) -> Iterator[Relocation]:
        for row in zip(self.offset.tolist(), self.sym.tolist(), self.type.tolist(),
                       self.addend.tolist()):
            yield Relocation(*row)

    def type_names(self) -> list[str]:
        return [C.reloc_type_name(self.elf.machine, t) for t in self.type.tolist()]
