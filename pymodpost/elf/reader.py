"""Reading ELF files: header, sections, symbols, relocations, groups, notes, .modinfo.

The file is held as one ``bytes`` object; tables are numpy views over it.  The constructor checks
everything every accessor relies on (identification, header sizes, where the section header table
and every section's contents lie, section names); the symbol table and relocation sections are
checked when first asked for.  Every problem is an :class:`ElfError` naming the file -- never an
IndexError, a struct.error, a MemoryError or a hang.
"""

from __future__ import annotations

import os

import numpy as np

from pymodpost.elf import constants as C
from pymodpost.elf import layouts
from pymodpost.elf.errors import ElfError
from pymodpost.elf.lazy import cached
from pymodpost.elf.records import ElfHeader, Group, Note, Section, sections_from_rows
from pymodpost.elf.relocations import Relocations
from pymodpost.elf.strings import BadStringOffset, decode, strings_at
from pymodpost.elf.symbols import Symbols
from pymodpost.fileio import read_bytes

_EMPTY = memoryview(b"")


class ElfFile:
    """A parsed ELF file (any class, either byte order; ET_REL is what pymodpost mostly meets)."""

    @classmethod
    def open(cls, path: str | os.PathLike) -> ElfFile:
        return cls(read_bytes(path), os.fspath(path))

    def __init__(self, data: bytes | bytearray | memoryview, path: str = "<memory>"):
        self.path = path
        self.data = data if isinstance(data, bytes) else bytes(data)
        self._view = memoryview(self.data)
        self._symbol_counts: dict[int, int] = {}
        self._relocations: dict[int, Relocations] = {}
        self._parse_header()
        self._parse_section_headers()

    def __repr__(self) -> str:
        return f"<ElfFile {self.path!r} ELF{self.elfclass} {len(self.sections)} sections>"

    # --- errors ---------------------------------------------------------------------------
    def error(self, problem: str) -> ElfError:
        """An :class:`ElfError` for this file (callers ``raise`` it)."""
        return ElfError(self.path, problem)

    # --- header ---------------------------------------------------------------------------
    def _parse_header(self) -> None:
        data = self.data
        if len(data) < 4 or data[:4] != C.ELFMAG:
            raise self.error("not an ELF file: wrong magic bytes at the start")
        if len(data) < C.EI_NIDENT:
            raise self.error("file is too short for an ELF header")
        ei_class, ei_data, ei_version = data[C.EI_CLASS], data[C.EI_DATA], data[C.EI_VERSION]
        if ei_class not in (C.ELFCLASS32, C.ELFCLASS64):
            raise self.error(f"unknown ELF class {ei_class}")
        if ei_data not in (C.ELFDATA2LSB, C.ELFDATA2MSB):
            raise self.error(f"unknown ELF data encoding {ei_data}")
        if ei_version != C.EV_CURRENT:
            raise self.error(f"unsupported ELF version {ei_version}")
        self.elfclass = 64 if ei_class == C.ELFCLASS64 else 32
        self.little = ei_data == C.ELFDATA2LSB
        hs = layouts.EHDR.struct(self.elfclass, self.little)
        if len(data) < hs.size:
            raise self.error("file is too short for an ELF header")
        (ident, e_type, e_machine, e_version, e_entry, e_phoff, e_shoff, e_flags, e_ehsize,
         e_phentsize, e_phnum, e_shentsize, e_shnum, e_shstrndx) = hs.unpack_from(data)
        if e_version != C.EV_CURRENT:
            raise self.error(f"unsupported ELF version {e_version} in the header")
        if e_ehsize != hs.size:
            raise self.error(f"ELF header size {e_ehsize} is not {hs.size} as ELF{self.elfclass} requires")
        shdr_size = layouts.SHDR.size(self.elfclass)
        shnum, shstrndx = e_shnum, e_shstrndx
        if e_shoff:
            if e_shentsize != shdr_size:
                raise self.error(f"section header size {e_shentsize} is not {shdr_size} "
                                 f"as ELF{self.elfclass} requires")
            if e_shoff > len(data) or len(data) - e_shoff < shdr_size:
                raise self.error("section header table goes past the end of the file")
            # extended numbering: section 0 carries the real count and string table index
            sec0 = np.frombuffer(data, layouts.SHDR.dtype(self.elfclass, self.little), 1, e_shoff)[0]
            if e_shnum == 0:
                shnum = int(sec0["sh_size"])
            if e_shstrndx == C.SHN_XINDEX:
                shstrndx = int(sec0["sh_link"])
            if shnum * shdr_size > len(data) - e_shoff:
                raise self.error(f"section header table goes past the end of the file "
                                 f"({shnum} entries at offset {e_shoff:#x})")
        else:
            shnum = 0
            shstrndx = 0
        if shstrndx and shstrndx >= shnum:
            raise self.error(f"section header string table index {shstrndx} is out of range "
                             f"({shnum} sections)")
        self.header = ElfHeader(ident, e_type, e_machine, e_version, e_entry, e_phoff, e_shoff,
                                e_flags, e_ehsize, e_phentsize, e_phnum, e_shentsize, shnum,
                                shstrndx, e_shnum, e_shstrndx)
        self.machine, self.type, self.flags = e_machine, e_type, e_flags

    # --- sections -------------------------------------------------------------------------
    def _parse_section_headers(self) -> None:
        h = self.header
        n = h.e_shnum
        dtype = layouts.SHDR.dtype(self.elfclass, self.little)
        self.shdrs = np.frombuffer(self.data, dtype, n, h.e_shoff) if n else np.zeros(0, dtype)
        size = len(self.data)
        offs, sizes, types = self.shdrs["sh_offset"], self.shdrs["sh_size"], self.shdrs["sh_type"]
        has_bytes = (types != C.SHT_NOBITS) & (types != C.SHT_NULL)
        # written as a comparison that cannot overflow: offset <= size and size_field <= size - offset
        past = has_bytes & ((offs > size) | (sizes > size - np.minimum(offs, size)))
        if past.any():
            i = int(np.flatnonzero(past)[0])
            raise self.error(f"section {i} goes past the end of the file "
                             f"(offset {int(offs[i]):#x} + size {int(sizes[i]):#x} > {size:#x})")
        rows = self.shdrs.tolist()
        names = [""] * n
        if h.e_shstrndx:
            strsec = rows[h.e_shstrndx]
            table = b"" if strsec[1] == C.SHT_NOBITS else self.data[strsec[4]:strsec[4] + strsec[5]]
            try:
                names = strings_at(table, self.shdrs["sh_name"])
            except BadStringOffset as e:
                where = ("is not NUL-terminated" if e.unterminated else
                         "is past the end of the section header string table")
                raise self.error(f"section {e.position}: name at offset {e.offset:#x} {where}") from None
        self.sections: list[Section] = sections_from_rows(names, rows)

    def section(self, sec: Section | int) -> Section:
        """``sec`` itself, or the section with that index (ElfError when out of range)."""
        if isinstance(sec, Section):
            return sec
        if not 0 <= sec < len(self.sections):
            raise self.error(f"section index {sec} is out of range ({len(self.sections)} sections)")
        return self.sections[sec]

    def section_data(self, sec: Section | int) -> memoryview:
        s = self.section(sec)
        if s.type == C.SHT_NOBITS or s.type == C.SHT_NULL:
            return _EMPTY
        return self._view[s.offset:s.offset + s.size]

    def table(self, sec: Section, dtype: np.dtype) -> np.ndarray:
        """A section's contents as an array of ``dtype`` records (a read-only view of the file
        bytes; the caller has checked that the size is a multiple of the record size)."""
        if sec.type == C.SHT_NOBITS or sec.type == C.SHT_NULL or not sec.size:
            return np.zeros(0, dtype)
        return np.frombuffer(self.data, dtype, sec.size // dtype.itemsize, sec.offset)

    def check_entries(self, sec: Section, itemsize: int, what: str) -> None:
        """A table section must declare ``itemsize`` as sh_entsize and hold whole entries."""
        if sec.entsize != itemsize:
            raise self.error(f"{what} {sec.name} has entry size {sec.entsize}, not {itemsize}")
        if sec.size % itemsize and sec.type != C.SHT_NOBITS:
            raise self.error(f"{what} {sec.name} has size {sec.size:#x}, not a multiple of its "
                             f"entry size {itemsize}")

    def symbol_count(self, index: int) -> int:
        """Entries in the symbol table at section ``index`` (checked like :meth:`symbols`)."""
        counts = self._symbol_counts
        if index not in counts:
            counts[index] = len(self.symbols(index))
        return counts[index]

    def section_bytes(self, sec: Section | int) -> bytes:
        """Like :meth:`section_data` but a bytes copy (handy for str methods)."""
        return self.section_data(sec).tobytes()

    def section_by_name(self, name: str) -> Section | None:
        for s in self.sections:
            if s.name == name:
                return s
        return None

    def sections_by_name(self, name: str) -> list[Section]:
        return [s for s in self.sections if s.name == name]

    def sections_of_type(self, sh_type: int) -> list[Section]:
        return [s for s in self.sections if s.type == sh_type]

    def linked_section(self, sec: Section, what: str, want_type: int | None = None) -> Section:
        """The section ``sec.sh_link`` names, checked to exist (and to have ``want_type``)."""
        if not 0 < sec.link < len(self.sections):
            raise self.error(f"section {sec.index} ({sec.name}): sh_link {sec.link} does not "
                             f"name a {what} ({len(self.sections)} sections)")
        target = self.sections[sec.link]
        if want_type is not None and target.type != want_type:
            raise self.error(f"section {sec.index} ({sec.name}): sh_link {sec.link} names "
                             f"section {target.name!r} of type "
                             f"{C.section_type_name(self.machine, target.type)}, not a {what}")
        return target

    def elf_size(self) -> int:
        """Where the ELF contents end: the furthest of the header, the section header table
        and every section's bytes.  Anything after it (a module signature) is a trailer."""
        h = self.header
        end = max(h.e_ehsize, h.e_shoff + h.e_shnum * h.e_shentsize if h.e_shoff else 0)
        for s in self.sections:
            if s.type not in (C.SHT_NOBITS, C.SHT_NULL):
                end = max(end, s.offset + s.size)
        return end

    # --- strings --------------------------------------------------------------------------
    def string(self, strtab: Section | int, offset: int) -> str:
        s = self.section(strtab)
        raw = self.section_data(s)
        if not 0 <= offset < len(raw):
            raise self.error(f"string offset {offset:#x} is past the end of section "
                             f"{s.index} ({s.name}, size {len(raw):#x})")
        end = self.data.find(b"\0", s.offset + offset, s.offset + len(raw))
        if end < 0:
            raise self.error(f"string at offset {offset:#x} in section {s.index} ({s.name}) "
                             f"is not NUL-terminated")
        return decode(self.data[s.offset + offset:end])

    # --- symbols --------------------------------------------------------------------------
    @cached
    def symtab(self) -> Symbols | None:
        """The (first) SHT_SYMTAB section as :class:`Symbols`, or None when there is none."""
        for s in self.sections:
            if s.type == C.SHT_SYMTAB:
                return Symbols(self, s)
        return None

    def symbols(self, sec: Section | int) -> Symbols:
        """Symbols of any SHT_SYMTAB/SHT_DYNSYM section (``symtab`` is the usual one)."""
        s = self.section(sec)
        if self.symtab is not None and s.index == self.symtab.section.index:
            return self.symtab
        return Symbols(self, s)

    # --- relocations ----------------------------------------------------------------------
    def relocation_sections(self) -> list[Section]:
        return [s for s in self.sections if s.type == C.SHT_REL or s.type == C.SHT_RELA]

    def relocations(self, relsec: Section | int) -> Relocations:
        """The entries of one SHT_REL/SHT_RELA section (checked, then kept for later calls)."""
        sec = self.section(relsec)
        rel = self._relocations.get(sec.index)
        if rel is None:
            rel = self._relocations[sec.index] = Relocations(self, sec)
        return rel

    # --- .modinfo -------------------------------------------------------------------------
    def modinfo(self) -> list[tuple[str, str]]:
        """``.modinfo`` entries in file order; padding NULs skipped; no '=' gives (entry, "")."""
        sec = self.section_by_name(".modinfo")
        if sec is None:
            return []
        out = []
        for raw in self.section_bytes(sec).split(b"\0"):
            if raw:
                key, _, value = decode(raw).partition("=")
                out.append((key, value))
        return out

    # --- groups ---------------------------------------------------------------------------
    def groups(self) -> list[Group]:
        out = []
        n = len(self.sections)
        for sec in self.sections_of_type(C.SHT_GROUP):
            raw = self.section_data(sec)
            if len(raw) < 4 or len(raw) % 4:
                raise self.error(f"section group {sec.index} ({sec.name}) has size {len(raw)}, "
                                 f"not a positive multiple of 4")
            words = np.frombuffer(raw, layouts.word_dtype(self.little)).tolist()
            members = words[1:]
            bad = [m for m in members if not 0 < m < n]
            if bad:
                raise self.error(f"section group {sec.index} ({sec.name}) lists section {bad[0]}, "
                                 f"which does not exist ({n} sections)")
            symtab = self.symbols(self.linked_section(sec, "symbol table"))
            if not 0 <= sec.info < len(symtab):
                raise self.error(f"section group {sec.index} ({sec.name}): signature symbol "
                                 f"{sec.info} is out of range ({len(symtab)} symbols)")
            out.append(Group(sec, words[0], members, symtab.name(sec.info)))
        return out

    # --- notes ----------------------------------------------------------------------------
    def notes(self, sec: Section | int) -> list[Note]:
        """Entries of a note section.  Name and descriptor are padded to 4 bytes (8 when the
        section is 8-aligned, as GNU property notes in ELF64 are), like readelf reads them."""
        s = self.section(sec)
        raw = self.section_bytes(s)
        align = 8 if s.addralign == 8 else 4
        nhdr = layouts.NHDR.dtype(self.elfclass, self.little)
        out = []
        pos = 0
        while pos < len(raw):
            if len(raw) - pos < nhdr.itemsize:
                raise self.error(f"note section {s.index} ({s.name}) ends inside a note header")
            namesz, descsz, ntype = np.frombuffer(raw, nhdr, 1, pos).tolist()[0]
            name_at = pos + nhdr.itemsize
            desc_at = name_at + _round_up(namesz, align)
            end = desc_at + _round_up(descsz, align)
            if desc_at + descsz > len(raw) or name_at + namesz > len(raw):
                raise self.error(f"note in section {s.index} ({s.name}) at offset {pos:#x} "
                                 f"runs past the end of the section")
            name = raw[name_at:name_at + namesz]
            if name.endswith(b"\0"):
                name = name[:-1]
            out.append(Note(decode(name), ntype, raw[desc_at:desc_at + descsz]))
            pos = min(end, len(raw))
        return out


def _round_up(value: int, align: int) -> int:
    return (value + align - 1) & ~(align - 1)
