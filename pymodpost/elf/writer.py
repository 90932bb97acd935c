"""Writing ELF relocatable objects (ET_REL) -- our own writer, since pyelftools only reads and
LIEF cannot create or safely grow an ET_REL file.

Model: :class:`ElfModel` holds the header fields and a list of :class:`OutSection`.  The list
index *is* the ELF section index, so ``sections[0]`` must be the null section (``SHT_NULL``);
``link``/``info`` values refer to list positions.

Layout of sections whose ``offset`` is None follows one of two real producers:

* ``"bfd"`` (default; GNU ``as`` and ``ld -r``): the contents of every section except the
  symbol table, its string table, relocation sections and ``.shstrtab``, in index order; then
  the symbol table and its string table; then the relocation sections in index order; then
  ``.shstrtab``.  Each section starts at a multiple of its sh_addralign (SHT_NOBITS too,
  though it takes no room).
* ``"index"`` (libelf, e.g. after objtool rewrote a kbuild object): every section in index
  order.

Either way the section header table follows, aligned to 8 (ELF64) or 4 (ELF32).  Gaps are
zero bytes.  Both layouts are checked against real objects in tests/elf/test_writer.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Iterable, Sequence

import numpy as np

from pymodpost.elf import constants as C
from pymodpost.elf import layouts
from pymodpost.elf.errors import ElfWriteError
from pymodpost.elf.strtab import StringTableBuilder

if TYPE_CHECKING:
    from pymodpost.elf.reader import ElfFile

__all__ = ["OutSection", "ElfModel", "StringTableBuilder", "pack_symbols", "pack_relocations",
           "shstrtab_builder"]


@dataclass
class OutSection:
    name: str
    type: int
    flags: int = 0
    addr: int = 0
    link: int = 0
    info: int = 0
    addralign: int = 1
    entsize: int = 0
    data: bytes = b""
    size: int | None = None  # SHT_NOBITS (and SHT_NULL) only; otherwise len(data)
    offset: int | None = None  # None: the writer places it
    name_offset: int | None = None  # sh_name; None: taken from the .shstrtab the writer has

    def file_size(self) -> int:
        """Bytes the section occupies in the file."""
        return 0 if self.type in (C.SHT_NOBITS, C.SHT_NULL) else len(self.data)

    def header_size(self) -> int:
        if self.type in (C.SHT_NOBITS, C.SHT_NULL):
            return self.size or 0
        if self.size is not None and self.size != len(self.data):
            raise ElfWriteError(f"section {self.name}: size {self.size} given for "
                                f"{len(self.data)} bytes of data")
        return len(self.data)


@dataclass
class ElfModel:
    elfclass: int  # 32 or 64
    little: bool
    machine: int
    type: int = C.ET_REL
    flags: int = 0
    osabi: int = 0
    abiversion: int = 0
    sections: list[OutSection] = field(default_factory=list)
    #: index of the section-name string table; if its data is empty the writer builds it
    #: (BFD order and tail merging) and fills in every name_offset that is None
    shstrndx: int | None = None
    layout: str = "bfd"  # or "index": see the module docstring
    shoff: int | None = None  # None: after the last section, aligned
    entry: int = 0
    version: int = C.EV_CURRENT
    #: bytes after the ELF contents, kept as they are (e.g. a module signature)
    trailer: bytes = b""

    # --- building from a parsed file ------------------------------------------------------
    @classmethod
    def from_elf(cls, elf: ElfFile) -> ElfModel:
        """The model of a parsed file, keeping every offset, name offset and the order, so
        that ``to_bytes()`` gives the file back (for objects whose gaps are zero bytes).
        Program headers are not modelled (this is an ET_REL writer): a file with some is
        refused rather than written back without them."""
        if elf.header.e_phnum:
            raise ElfWriteError(f"{elf.path}: has program headers, which the ET_REL writer "
                                f"does not model")
        secs = []
        for s in elf.sections:
            carries = s.type not in (C.SHT_NOBITS, C.SHT_NULL)
            secs.append(OutSection(
                s.name, s.type, s.flags, s.addr, s.link, s.info, s.addralign, s.entsize,
                elf.section_bytes(s) if carries else b"", None if carries else s.size,
                s.offset, s.name_offset))
        h = elf.header
        return cls(elf.elfclass, elf.little, h.e_machine, h.e_type, h.e_flags, h.osabi,
                   h.abiversion, secs, h.e_shstrndx or None, shoff=h.e_shoff, entry=h.e_entry,
                   version=h.e_version, trailer=elf.data[elf.elf_size():])

    # --- writing --------------------------------------------------------------------------
    def to_bytes(self) -> bytes:
        if self.elfclass not in (32, 64):
            raise ElfWriteError(f"ELF class must be 32 or 64, not {self.elfclass}")
        secs = list(self.sections)
        if not secs or secs[0].type != C.SHT_NULL:
            raise ElfWriteError("sections[0] must be the null section (SHT_NULL)")
        secs = self._with_names(secs)
        offsets = self._layout(secs)
        hs = layouts.EHDR.struct(self.elfclass, self.little)
        shentsize = layouts.SHDR.size(self.elfclass)
        # sections without file bytes (NOBITS) may carry any offset; they end nothing
        end = max([hs.size] + [offsets[i] + s.file_size() for i, s in enumerate(secs)
                               if s.file_size()])
        word = 8 if self.elfclass == 64 else 4
        shoff = self.shoff if self.shoff is not None else _align(end, word)
        n = len(secs)
        total = max(end, shoff + n * shentsize)
        out = bytearray(total)

        # extended numbering lives in section 0
        sec0_size, sec0_link = secs[0].size or 0, secs[0].link
        e_shnum, e_shstrndx = n, self.shstrndx or 0
        if n >= C.SHN_LORESERVE:
            e_shnum, sec0_size = 0, n
        if e_shstrndx >= C.SHN_LORESERVE:
            e_shstrndx, sec0_link = C.SHN_XINDEX, self.shstrndx

        ident = (C.ELFMAG + bytes([C.ELFCLASS64 if self.elfclass == 64 else C.ELFCLASS32,
                                   C.ELFDATA2LSB if self.little else C.ELFDATA2MSB,
                                   C.EV_CURRENT, self.osabi, self.abiversion]))
        ident = ident.ljust(C.EI_NIDENT, b"\0")
        hs.pack_into(out, 0, ident, self.type, self.machine, self.version, self.entry, 0, shoff,
                     self.flags, hs.size, 0, 0, shentsize, e_shnum, e_shstrndx)

        table = np.zeros(n, layouts.SHDR.dtype(self.elfclass, self.little))
        for i, s in enumerate(secs):
            size = s.header_size()
            link = s.link
            if i == 0:
                size, link = sec0_size, sec0_link
            table[i] = (s.name_offset, s.type, s.flags, s.addr, offsets[i], size, link, s.info,
                        s.addralign, s.entsize)
            if s.file_size():
                out[offsets[i]:offsets[i] + len(s.data)] = s.data
        self._check_overlaps(secs, offsets, shoff, n * shentsize, hs.size)
        out[shoff:shoff + n * shentsize] = table.tobytes()
        return bytes(out) + self.trailer

    def _with_names(self, secs: list[OutSection]) -> list[OutSection]:
        """Sections with every name_offset known (building .shstrtab when asked to)."""
        if all(s.name_offset is not None for s in secs):
            return secs
        if self.shstrndx is None:
            if any(s.name for s in secs):
                raise ElfWriteError("section names given but no .shstrtab (shstrndx is None)")
            return [replace(s, name_offset=0) for s in secs]
        if not 0 < self.shstrndx < len(secs):
            raise ElfWriteError(f"shstrndx {self.shstrndx} is not a section index")
        strsec = secs[self.shstrndx]
        if not strsec.data:
            builder = shstrtab_builder(s.name for s in secs)
            secs = [replace(s, name_offset=builder.offset(s.name) if s.name_offset is None
                            else s.name_offset) for s in secs]
            secs[self.shstrndx] = replace(secs[self.shstrndx], data=builder.data())
            return secs
        table = strsec.data
        out = []
        for s in secs:
            if s.name_offset is None:
                s = replace(s, name_offset=_find_string(table, s.name))
            out.append(s)
        return out

    def _layout(self, secs: list[OutSection]) -> list[int]:
        """File offset of every section (given ones kept, the rest placed by ``layout``)."""
        hsize = layouts.EHDR.size(self.elfclass)
        offsets = [s.offset for s in secs]
        offsets[0] = secs[0].offset or 0
        todo = [i for i in self._placement_order(secs) if offsets[i] is None]
        if not todo:
            return offsets  # type: ignore[return-value]
        pos = max([hsize] + [o + secs[i].file_size() for i, o in enumerate(offsets)
                             if o is not None and secs[i].file_size()])
        for i in todo:
            pos = _align(pos, secs[i].addralign)
            offsets[i] = pos
            pos += secs[i].file_size()
        return offsets  # type: ignore[return-value]

    def _placement_order(self, secs: list[OutSection]) -> list[int]:
        indexes = range(1, len(secs))
        if self.layout == "index":
            return list(indexes)
        if self.layout != "bfd":
            raise ElfWriteError(f"unknown layout {self.layout!r} (use 'bfd' or 'index')")
        symtabs = [i for i in indexes if secs[i].type == C.SHT_SYMTAB]
        late = []
        for i in symtabs:
            late.append(i)
            if 0 < secs[i].link < len(secs) and secs[i].link != self.shstrndx:
                late.append(secs[i].link)
        relocs = [i for i in indexes if secs[i].type in (C.SHT_REL, C.SHT_RELA)]
        last = [self.shstrndx] if self.shstrndx else []
        skip = set(late) | set(relocs) | set(last)
        return [i for i in indexes if i not in skip] + late + relocs + last

    @staticmethod
    def _check_overlaps(secs, offsets, shoff, shsize, hsize) -> None:
        spans = sorted((offsets[i], offsets[i] + s.file_size(), s.name)
                       for i, s in enumerate(secs) if s.file_size())
        spans.append((shoff, shoff + shsize, "section header table"))
        spans.sort()
        prev_end, prev_name = hsize, "ELF header"
        for start, end, name in spans:
            if start < prev_end:
                raise ElfWriteError(f"{name} at {start:#x} overlaps {prev_name} (ends at {prev_end:#x})")
            if end > prev_end:
                prev_end, prev_name = end, name


def shstrtab_builder(names: Iterable[str]) -> StringTableBuilder:
    """A finalised section-name table as BFD builds it: ``.symtab``, ``.strtab`` and
    ``.shstrtab`` first (when those sections exist), then every other name in index order,
    tails merged."""
    names = list(names)
    b = StringTableBuilder(tail_merge=True)
    for special in (".symtab", ".strtab", ".shstrtab"):
        if special in names:
            b.add(special)
    for name in names:
        b.add(name)
    b.finalize()
    return b


def _find_string(table: bytes, name: str) -> int:
    if not name:
        return 0
    raw = name.encode("utf-8", "surrogateescape") + b"\0"
    at = table.find(raw)
    # any hit ending on the NUL is a valid sh_name, whether it starts a string or is a tail
    if at < 0:
        raise ElfWriteError(f"section name {name!r} is not in the given .shstrtab")
    return at


def _align(value: int, align: int) -> int:
    align = max(align, 1)
    return (value + align - 1) // align * align


# --- packing tables ------------------------------------------------------------------------
SYMBOL_FIELDS = ("st_name", "st_value", "st_size", "st_info", "st_other", "st_shndx")
RELOCATION_FIELDS = ("r_offset", "r_sym", "r_type", "r_addend")


def pack_symbols(elfclass: int, little: bool, rows: Sequence[tuple] | np.ndarray) -> bytes:
    """Symbol table bytes.  ``rows``: tuples ``(st_name, st_value, st_size, st_info, st_other,
    st_shndx)`` (in that order whatever the class), or a structured array with those field
    names (a symbol table array from the reader is one)."""
    dtype = layouts.SYM.dtype(elfclass, little)
    cols = _columns(rows, SYMBOL_FIELDS)
    out = np.zeros(len(cols[0]) if cols else 0, dtype)
    for name, col in zip(SYMBOL_FIELDS, cols):
        out[name] = col
    return out.tobytes()


def pack_relocations(elfclass: int, little: bool, rela: bool,
                     rows: Sequence[tuple] | np.ndarray) -> bytes:
    """REL/RELA entries.  ``rows``: tuples ``(r_offset, sym, type, addend)`` (addend ignored
    for REL) or a structured array with fields ``r_offset``, ``r_sym``, ``r_type``,
    ``r_addend``."""
    dtype = layouts.rel_record(rela).dtype(elfclass, little)
    cols = _columns(rows, RELOCATION_FIELDS)
    n = len(cols[0]) if cols else 0
    out = np.zeros(n, dtype)
    if n:
        offset, sym, rtype, addend = (np.asarray(c) for c in cols)
        sym = sym.astype(np.uint64)
        rtype = rtype.astype(np.uint64)
        if elfclass == 64:
            info = (sym << np.uint64(32)) | (rtype & np.uint64(0xFFFFFFFF))
        else:
            info = (sym << np.uint64(8)) | (rtype & np.uint64(0xFF))
        out["r_offset"] = offset.astype(np.uint64)
        out["r_info"] = info
        if rela:
            out["r_addend"] = addend.astype(np.int64)
    return out.tobytes()


def _columns(rows, fields: tuple[str, ...]) -> list:
    if isinstance(rows, np.ndarray) and rows.dtype.names:
        return [rows[f] if f in rows.dtype.names else np.zeros(len(rows), np.int64)
                for f in fields]
    rows = list(rows)
    if not rows:
        return [[] for _ in fields]
    cols = list(zip(*rows))
    while len(cols) < len(fields):  # e.g. REL rows without an addend
        cols.append((0,) * len(rows))
    return [list(c) for c in cols]
