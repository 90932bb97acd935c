"""Small immutable records the reader hands out: header, section, symbol, relocation, group, note."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ElfHeader:
    """Every e_* field.  ``e_shnum`` and ``e_shstrndx`` are the real values, resolved through
    section 0 when the file uses extended numbering (e_shnum == 0 / e_shstrndx == SHN_XINDEX);
    ``raw_shnum``/``raw_shstrndx`` keep what the header itself says."""

    e_ident: bytes
    e_type: int
    e_machine: int
    e_version: int
    e_entry: int
    e_phoff: int
    e_shoff: int
    e_flags: int
    e_ehsize: int
    e_phentsize: int
    e_phnum: int
    e_shentsize: int
    e_shnum: int
    e_shstrndx: int
    raw_shnum: int
    raw_shstrndx: int

    @property
    def osabi(self) -> int:
        return self.e_ident[7]

    @property
    def abiversion(self) -> int:
        return self.e_ident[8]


@dataclass(frozen=True, slots=True)
class Section:
    index: int
    name: str
    type: int
    flags: int
    addr: int
    offset: int
    size: int
    link: int
    info: int
    addralign: int
    entsize: int
    name_offset: int


class _SectionBuilder:
    """Same slots as :class:`Section`, but mutable: filled cheaply, then given Section's class.

    A frozen dataclass sets each field through ``object.__setattr__``, which costs ~2.5 us per
    Section; the corpus benchmark makes 175,000 of them.  Assigning ``__class__`` between two
    classes with identical slots is plain CPython semantics and yields a real, frozen Section.
    """

    __slots__ = Section.__slots__

    def __init__(self, index, name, row):
        (self.name_offset, self.type, self.flags, self.addr, self.offset, self.size, self.link,
         self.info, self.addralign, self.entsize) = row
        self.index = index
        self.name = name


def sections_from_rows(names: list[str], rows: list[tuple]) -> list[Section]:
    """Sections from section header rows (sh_name, sh_type, ... sh_entsize, in file order)."""
    out = [_SectionBuilder(i, name, row) for i, (name, row) in enumerate(zip(names, rows))]
    for s in out:
        s.__class__ = Section
    return out  # type: ignore[return-value]


@dataclass(frozen=True, slots=True)
class Symbol:
    index: int
    name: str
    value: int
    size: int
    bind: int
    type: int
    visibility: int
    other: int
    shndx: int  # resolved through SHT_SYMTAB_SHNDX when st_shndx is SHN_XINDEX
    st_shndx: int  # as stored in the entry


@dataclass(frozen=True, slots=True)
class Relocation:
    offset: int
    sym: int
    type: int
    addend: int


@dataclass(frozen=True, slots=True)
class Group:
    """An SHT_GROUP section: its flag word (GRP_COMDAT) and member section indexes."""

    section: Section
    flags: int
    members: list[int]
    signature: str  # name of the symbol sh_info names in the sh_link symbol table


@dataclass(frozen=True, slots=True)
class Note:
    name: str
    type: int
    desc: bytes
