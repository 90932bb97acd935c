"""The fixed-size ELF records, each declared once: Ehdr, Shdr, Sym, Rel, Rela, Phdr, Nhdr.

Every field carries the name the ELF specification and ``<elf.h>`` give it (``e_type``,
``sh_name``, ``st_info``, ``r_offset`` ...) and says once what it holds (as gimli-rs/object's
``elf.rs`` does).  From that one declaration each record gives its ``struct.Struct`` and its
numpy dtype for ELF32 or ELF64 in either byte order::

    from pymodpost.elf.layouts import SHDR
    SHDR.struct(64, True).unpack_from(data, offset)   # a tuple, fields in file order
    np.frombuffer(data, SHDR.dtype(64, True), count, offset)
    SHDR.size(32)                                      # 40

The readers differ in what they check, on purpose (libkmod checks little, ld what BFD checks,
the kernel what ``elf_validity_check`` checks); they share only these layouts.  numpy is
imported on the first ``dtype()``, so struct-only users (the linker's fast start) never load it.
Constants (``SHT_*``, ``EM_*`` ...) live in :mod:`pymodpost.elf.constants`.
"""

from __future__ import annotations

import struct
from functools import lru_cache
from typing import NamedTuple


class Field(NamedTuple):
    name: str
    #: the ``<elf.h>`` type with the class left out (``Half`` for Elf32_Half/Elf64_Half); see
    #: :data:`_STRUCT_CODES` for the size each has in each class
    type: str
    doc: str


#: ``<elf.h>`` type -> struct code in (ELF32, ELF64).  A field that is an Elf64_Xword or
#: Elf64_Sxword in ELF64 is an Elf32_Word or Elf32_Sword in ELF32 (sh_flags, st_size, r_info,
#: r_addend ...), so ``Xword``/``Sxword`` here stand for "the class's size-wide word".
_STRUCT_CODES = {
    "ident": ("16s", "16s"),
    "unsigned char": ("B", "B"),
    "Half": ("H", "H"),
    "Word": ("I", "I"),
    "Sword": ("i", "i"),
    "Xword": ("I", "Q"),
    "Sxword": ("i", "q"),
    "Addr": ("I", "Q"),
    "Off": ("I", "Q"),
}
#: struct code -> numpy type code (e_ident stays raw bytes: a ``V16`` void field)
_NUMPY_CODES = {"16s": "V16", "B": "u1", "H": "u2", "I": "u4", "i": "i4", "Q": "u8", "q": "i8"}


class Record:
    """One ELF record: its documented fields, in ELF32 file order and in ELF64 file order
    (the same but for Sym and Phdr, which ELF64 reorders to keep its 8-byte fields aligned)."""

    __slots__ = ("name", "fields", "_orders", "_structs", "_dtypes")

    def __init__(self, name: str, fields: tuple[Field, ...], elf64_order: tuple[str, ...] = ()):
        self.name = name
        self.fields = {f.name: f for f in fields}
        order32 = tuple(self.fields)
        order64 = elf64_order or order32
        if sorted(order64) != sorted(order32):
            raise ValueError(f"{name}: the ELF64 order must list the same fields")
        self._orders = {32: order32, 64: order64}
        self._structs: dict[tuple[int, bool], struct.Struct] = {}
        self._dtypes: dict[tuple[int, bool], object] = {}

    def __repr__(self) -> str:
        return f"<ELF record {self.name}>"

    def names(self, elfclass: int) -> tuple[str, ...]:
        """The field names in file order for ``elfclass`` (32 or 64)."""
        return self._orders[elfclass]

    def struct(self, elfclass: int, little: bool) -> struct.Struct:
        """The record as a ``struct.Struct``: ``unpack_from`` gives the fields in file order."""
        key = (elfclass, little)
        found = self._structs.get(key)
        if found is None:
            column = 0 if elfclass == 32 else 1
            codes = "".join(_STRUCT_CODES[self.fields[n].type][column] for n in self.names(elfclass))
            found = self._structs[key] = struct.Struct(("<" if little else ">") + codes)
        return found

    def dtype(self, elfclass: int, little: bool):
        """The record as a numpy structured dtype with the spec's field names."""
        key = (elfclass, little)
        found = self._dtypes.get(key)
        if found is None:
            import numpy as np

            column = 0 if elfclass == 32 else 1
            order = "<" if little else ">"
            found = self._dtypes[key] = np.dtype([
                (n, order + _NUMPY_CODES[_STRUCT_CODES[self.fields[n].type][column]])
                for n in self.names(elfclass)])
        return found

    def size(self, elfclass: int) -> int:
        return self.struct(elfclass, True).size

    def offset(self, field: str, elfclass: int) -> int:
        """Where ``field`` starts within the record."""
        return self.dtype(elfclass, True).fields[field][1]


EHDR = Record("Ehdr", (
    Field("e_ident", "ident", "Identification: ELFMAG, then EI_CLASS (ELFCLASS32/64), EI_DATA "
          "(ELFDATA2LSB/MSB), EI_VERSION, EI_OSABI, EI_ABIVERSION, zero padding to EI_NIDENT."),
    Field("e_type", "Half", "Object file type: one of ET_* (ET_REL for objects and modules)."),
    Field("e_machine", "Half", "Architecture: one of EM_*."),
    Field("e_version", "Word", "Object file version: EV_CURRENT."),
    Field("e_entry", "Addr", "Entry point address; 0 in a relocatable object."),
    Field("e_phoff", "Off", "File offset of the program header table; 0 when there is none."),
    Field("e_shoff", "Off", "File offset of the section header table; 0 when there is none."),
    Field("e_flags", "Word", "Processor-specific flags (EF_*: riscv's float ABI and RVC bits)."),
    Field("e_ehsize", "Half", "Size of this header in bytes."),
    Field("e_phentsize", "Half", "Size of one program header table entry."),
    Field("e_phnum", "Half", "Number of program headers (PN_XNUM: the count is in sh_info of "
          "section 0)."),
    Field("e_shentsize", "Half", "Size of one section header table entry."),
    Field("e_shnum", "Half", "Number of section headers; 0 when they number SHN_LORESERVE or "
          "more, the count then being in sh_size of section 0."),
    Field("e_shstrndx", "Half", "Index of the section name string table; SHN_XINDEX when it is "
          "SHN_LORESERVE or more, the index then being in sh_link of section 0."),
))

SHDR = Record("Shdr", (
    Field("sh_name", "Word", "Offset of the section's name in the section name string table."),
    Field("sh_type", "Word", "Section type: one of SHT_*."),
    Field("sh_flags", "Xword", "Section flags: a combination of SHF_*."),
    Field("sh_addr", "Addr", "Address of the section in memory; 0 in a relocatable object "
          "unless a linker script gave one (and the kernel's loader writes it in)."),
    Field("sh_offset", "Off", "File offset of the contents (an SHT_NOBITS section has none)."),
    Field("sh_size", "Xword", "Size in bytes (in memory only, for SHT_NOBITS)."),
    Field("sh_link", "Word", "Index of an associated section, by type: a symbol table's string "
          "table, a relocation section's or group's symbol table."),
    Field("sh_info", "Word", "Extra information, by type: the section a relocation section "
          "patches, a symbol table's first non-local symbol, a group's signature symbol."),
    Field("sh_addralign", "Xword", "Alignment: 0 or 1 for none, else a power of two."),
    Field("sh_entsize", "Xword", "Size of one entry for a table of fixed-size entries, else 0."),
))

SYM = Record("Sym", (
    Field("st_name", "Word", "Offset of the name in the string table (sh_link of the symbol "
          "table); 0 for no name."),
    Field("st_value", "Addr", "Value; in a relocatable object the offset in section st_shndx "
          "(for SHN_COMMON, the alignment)."),
    Field("st_size", "Xword", "Size of the object or function; 0 if unknown."),
    Field("st_info", "unsigned char", "Binding (high 4 bits, STB_*) and type (low 4, STT_*)."),
    Field("st_other", "unsigned char", "Visibility (low 2 bits, STV_*); the other bits belong "
          "to the architecture."),
    Field("st_shndx", "Half", "Index of the defining section, or a reserved SHN_* value "
          "(SHN_UNDEF, SHN_ABS, SHN_COMMON; SHN_XINDEX: the index is in SHT_SYMTAB_SHNDX)."),
), elf64_order=("st_name", "st_info", "st_other", "st_shndx", "st_value", "st_size"))

_REL_FIELDS = (
    Field("r_offset", "Addr", "Offset of the place to patch in the target section (sh_info of "
          "the relocation section)."),
    Field("r_info", "Xword", "Symbol index and relocation type: ELF64 has the symbol in the "
          "high 32 bits and the type in the low 32, ELF32 the symbol in the high 24 bits and "
          "the type in the low 8 (see r_info_split)."),
)
REL = Record("Rel", _REL_FIELDS)
RELA = Record("Rela", _REL_FIELDS + (
    Field("r_addend", "Sxword", "Constant addend of the calculation (REL keeps it in the "
          "patched place instead)."),
))

PHDR = Record("Phdr", (
    Field("p_type", "Word", "Segment type: PT_LOAD, PT_NOTE ..."),
    Field("p_offset", "Off", "File offset of the segment's bytes."),
    Field("p_vaddr", "Addr", "Virtual address of the segment in memory."),
    Field("p_paddr", "Addr", "Physical address, where that matters (boot loaders)."),
    Field("p_filesz", "Xword", "Bytes of the segment in the file."),
    Field("p_memsz", "Xword", "Bytes of the segment in memory (more than p_filesz: zero fill)."),
    Field("p_flags", "Word", "Segment permissions: PF_R, PF_W, PF_X."),
    Field("p_align", "Xword", "Alignment of the segment in the file and in memory."),
), elf64_order=("p_type", "p_flags", "p_offset", "p_vaddr", "p_paddr", "p_filesz", "p_memsz",
                "p_align"))

NHDR = Record("Nhdr", (
    Field("n_namesz", "Word", "Length of the owner's name that follows, with its NUL (padded to "
          "4 bytes in the file)."),
    Field("n_descsz", "Word", "Length of the descriptor after the name (padded likewise)."),
    Field("n_type", "Word", "Note type, meaningful per owner (NT_GNU_BUILD_ID for \"GNU\")."),
))

RECORDS = (EHDR, SHDR, SYM, REL, RELA, PHDR, NHDR)


def rel_record(rela: bool) -> Record:
    return RELA if rela else REL


@lru_cache(maxsize=None)
def rel_view_dtype(elfclass: int, little: bool, rela: bool):
    """The Rel/Rela dtype plus ``r_sym`` and ``r_type`` fields overlaying r_info, for ELF64
    where both are whole 32-bit words (symbol in the high half), so reading them costs no
    shifting (ELF64_R_SYM / ELF64_R_TYPE as array fields).  ELF32 gets the plain dtype."""
    import numpy as np

    base = rel_record(rela).dtype(elfclass, little)
    if elfclass != 64:
        return base
    order = "<" if little else ">"
    names = list(base.names) + ["r_type", "r_sym"]
    formats = [base.fields[n][0] for n in base.names] + [f"{order}u4", f"{order}u4"]
    offsets = [base.fields[n][1] for n in base.names] + ([8, 12] if little else [12, 8])
    return np.dtype({"names": names, "formats": formats, "offsets": offsets,
                     "itemsize": base.itemsize})


@lru_cache(maxsize=None)
def word_dtype(little: bool):
    """An Elf_Word on its own: SHT_GROUP entries, SHT_SYMTAB_SHNDX entries."""
    import numpy as np

    return np.dtype(f"{'<' if little else '>'}u4")


def r_info_split(elfclass: int, info):
    """(symbol index, type) int64 arrays from an r_info array (ELF64_R_SYM/ELF64_R_TYPE, or
    ELF32_R_SYM/ELF32_R_TYPE).  MIPS64 little-endian stores r_info in its own odd layout (a
    32-bit symbol then four one-byte fields); pymodpost does not model MIPS, so that layout
    is not decoded."""
    import numpy as np

    info = info.astype(np.uint64, copy=False)
    if elfclass == 64:
        return (info >> np.uint64(32)).astype(np.int64), (info & np.uint64(0xFFFFFFFF)).astype(np.int64)
    return (info >> np.uint64(8)).astype(np.int64), (info & np.uint64(0xFF)).astype(np.int64)

