"""The kernel's working copy of a module file: ``struct load_info`` and its section headers.

The loader reads the ELF header and section headers the way the kernel does -- as raw structs,
trusting nothing until ``elf_validity_check`` has looked at them -- so it does not use the
general ELF reader (which rejects malformed files with its own messages).  Section headers are
mutable because the kernel rewrites them as it goes (sh_addr, sh_flags, sh_entsize, riscv's
GOT/PLT sizes).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from pymodpost.elf import layouts
from pymodpost.elf.records import ElfHeader
from pymodpost.elf.constants import (  # noqa: F401  (re-exported for the load steps)
    ET_REL,
    SHF_ALLOC,
    SHF_EXECINSTR,
    SHF_RELA_LIVEPATCH,
    SHF_RO_AFTER_INIT,
    SHF_WRITE,
    SHN_ABS,
    SHN_COMMON,
    SHN_LIVEPATCH,
    SHN_UNDEF,
    SHT_NOBITS,
    SHT_NULL,
    SHT_PROGBITS,
    SHT_REL,
    SHT_RELA,
    SHT_STRTAB,
    SHT_SYMTAB,
    STB_GLOBAL,
    STB_LOCAL,
    STB_WEAK,
)

INIT_OFFSET_MASK = 1 << 63
ENTSIZE_UNSET = (1 << 64) - 1

# the kernel reads its own ELF class and byte order only (both targets: ELF64 little-endian);
# elf_validity_check has refused anything else before these are used
EHDR64 = layouts.EHDR.struct(64, True)
SHDR64 = layouts.SHDR.struct(64, True)
SYM_DTYPE = layouts.SYM.dtype(64, True)
RELA_DTYPE = layouts.RELA.dtype(64, True)


@dataclass(slots=True)
class Shdr:
    """One section header as the kernel holds it (fields change as loading proceeds)."""

    index: int
    sh_name: int
    sh_type: int
    sh_flags: int
    sh_addr: int
    sh_offset: int
    sh_size: int
    sh_link: int
    sh_info: int
    sh_addralign: int
    sh_entsize: int
    name: str = ""  #: resolved from the section name table once that is known to be sane


@dataclass(slots=True)
class Index:
    """``info->index``: section indices found by setup_load_info (0 = none)."""

    info: int = 0
    sym: int = 0
    str: int = 0
    mod: int = 0
    vers: int = 0
    pcpu: int = 0
    vers_ext_crc: int = 0  #: __version_ext_crcs (extended modversions, 6.14+)
    vers_ext_name: int = 0  #: __version_ext_names


@dataclass(slots=True)
class LoadInfo:
    data: bytes
    len: int
    hdr: ElfHeader | None = None
    sechdrs: list[Shdr] = field(default_factory=list)
    secstrings_off: int = 0
    secstrings_size: int = 0
    index: Index = field(default_factory=Index)
    name: str | None = None  #: info->name
    sig_ok: bool = False
    signature: str = "none"  #: "none", "appended" (well formed; trusted), "stripped by flags"
    #: section name -> indices with that name (names never change; flags do)
    by_name: dict[str, list[int]] = field(default_factory=dict)
    _symbols: np.ndarray | None = None
    _strtab_nuls: np.ndarray | None = None
    modinfo: object = None  #: the parsed .modinfo (a pymodpost.load.modinfo.ModinfoTable)

    def cstr(self, offset: int, limit: int | None = None) -> str:
        """NUL-terminated string at a file offset (bounded by the file, as reading memory would be)."""
        end = self.data.find(b"\0", offset, limit if limit is not None else len(self.data))
        if end < 0:
            end = limit if limit is not None else len(self.data)
        return self.data[offset:end].decode("utf-8", "surrogateescape")

    def cstrs(self, offsets: list[int]) -> list[str]:
        """:meth:`cstr` of many file offsets at once (one call for a module's symbol names)."""
        data = self.data
        find, size = data.find, len(data)
        out = []
        for at in offsets:
            end = find(b"\0", at)
            out.append(data[at:end if end >= 0 else size].decode("utf-8", "surrogateescape"))
        return out

    def section_name(self, sh: Shdr) -> str:
        return self.cstr(self.secstrings_off + sh.sh_name, self.secstrings_off + self.secstrings_size)

    def section_bytes(self, sh: Shdr) -> bytes:
        if sh.sh_type == SHT_NOBITS:
            return b""
        return self.data[sh.sh_offset:sh.sh_offset + sh.sh_size]

    def symbols(self) -> np.ndarray:
        """The symbol table as read from the file (read-only; shared by the steps)."""
        if self._symbols is None:
            sh = self.sechdrs[self.index.sym]
            n = sh.sh_size // SYM_DTYPE.itemsize
            self._symbols = np.frombuffer(self.data, SYM_DTYPE, n, sh.sh_offset)
        return self._symbols

    def name_lengths(self, starts: np.ndarray) -> np.ndarray | None:
        """strlen of the symbol string table's names at these offsets (int64 array), or None when
        one runs past the table (strlen would read on through the file)."""
        if self._strtab_nuls is None:
            sh = self.sechdrs[self.index.str]
            self._strtab_nuls = np.flatnonzero(np.frombuffer(self.data, np.uint8, sh.sh_size, sh.sh_offset) == 0)
        nuls = self._strtab_nuls
        pos = np.searchsorted(nuls, starts)
        if not (pos < len(nuls)).all():
            return None
        return nuls[pos] - starts

    def relas(self, sh: Shdr) -> np.ndarray:
        n = sh.sh_size // RELA_DTYPE.itemsize
        return np.frombuffer(self.data, RELA_DTYPE, n, sh.sh_offset)

    @property
    def strtab_off(self) -> int:
        return self.sechdrs[self.index.str].sh_offset

    def symbol_name(self, st_name: int) -> str:
        return self.cstr(self.strtab_off + st_name)


def parse_ehdr(data: bytes) -> ElfHeader:
    """The header as the kernel reads it: no extended section numbering (6.1 does not know it)."""
    fields = EHDR64.unpack_from(data, 0)
    return ElfHeader(*fields, raw_shnum=fields[12], raw_shstrndx=fields[13])


def parse_shdrs(data: bytes, offset: int, count: int) -> list[Shdr]:
    return [Shdr(i, *fields) for i, fields in enumerate(SHDR64.iter_unpack(data[offset:offset + count * SHDR64.size]))]
