"""An object file as modpost sees it (its ``struct elf_info`` and ``parse_elf()``, 6.1 to 7.3).

modpost has its own, very particular, way of accepting and refusing ELF files -- an empty
``.o`` is skipped silently, a non-ELF file too, a non-relocatable one is FATAL with a message
without newline, the last ``SHT_SYMTAB`` wins -- and those reactions are observable, so this
module re-creates ``parse_elf()`` step by step rather than going through the general validating
reader in :mod:`pymodpost.elf`.  Where the C code would read outside the file (and crash or read
garbage) we stop with a FATAL that says what is wrong; those are the only deliberate differences.

Everything bulk (section headers, the symbol table, relocations) is held in numpy arrays over
the file bytes so that callers can filter without a Python loop per symbol.
"""

from __future__ import annotations

import errno
import mmap
import os
import stat
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from pymodpost.elf.layouts import EHDR, REL, RELA, SHDR, SYM

# the ELF constants modpost uses, from the project's one table (re-exported for the stage's modules)
from pymodpost.elf.constants import (  # noqa: E402,F401
    ET_REL,
    SHF_ALLOC, SHF_EXECINSTR, SHN_ABS, SHN_COMMON, SHN_HIRESERVE, SHN_LORESERVE, SHN_UNDEF, SHN_XINDEX,
    SHT_NOBITS, SHT_PROGBITS, SHT_REL, SHT_RELA, SHT_SYMTAB, SHT_SYMTAB_SHNDX, STB_GLOBAL, STB_LOCAL, STB_WEAK,
    STT_FUNC, STT_OBJECT, STT_SECTION, STT_SPARC_REGISTER,
)


class ObjectFatal(Exception):
    """parse_elf() called fatal(): the message (with its own newline, or none) ends the run."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class ObjectUnreadable(Exception):
    """grab_file() failed; ``strerror`` is what perror() would print after the file name."""

    def __init__(self, path: str, strerror: str):
        super().__init__(f"{path}: {strerror}")
        self.path = path
        self.strerror = strerror


def _dtypes(is64: bool, little: bool):
    """The Ehdr struct and the Shdr, Sym, Rela and Rel dtypes of one ELF class and byte order
    (the shared declarations of :mod:`pymodpost.elf.layouts`, with the specification's field
    names).  The header is one record: struct unpacks it ~30 times faster than numpy's field
    access on a one-element array."""
    elfclass = 64 if is64 else 32
    return (EHDR.struct(elfclass, little), *(record.dtype(elfclass, little) for record in (SHDR, SYM, RELA, REL)))


#: looked up once per object: (is64, little) -> dtypes
_DTYPES = {(c, d): _dtypes(c, d) for c in (True, False) for d in (True, False)}


def grab_file(path: str):
    """Map ``path`` read-only as modpost's grab_file() (open + mmap) does, with its errno on failure.

    Mapping instead of reading matters for speed: the objects are read sparsely (headers, symbol
    table, a few sections), and the 4,000-module corpus is 390 MB.  The result supports the
    bytes operations used here (slicing, find, len, the buffer protocol for numpy)."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError as e:
        raise ObjectUnreadable(path, os.strerror(e.errno) if e.errno else str(e)) from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            # open(O_RDONLY) succeeds on a directory or device; mmap() is what refuses it
            raise ObjectUnreadable(path, os.strerror(errno.ENODEV))
        try:
            return mmap.mmap(fd, 0, access=mmap.ACCESS_READ)
        except ValueError:
            # an empty file: mmap() of length 0 fails with EINVAL
            raise ObjectUnreadable(path, os.strerror(errno.EINVAL)) from None
        except OSError as e:
            # e.g. a directory: open(O_RDONLY) succeeds, mmap() fails (ENODEV)
            raise ObjectUnreadable(path, os.strerror(e.errno) if e.errno else str(e)) from None
    finally:
        os.close(fd)


def c_string_at(data: bytes, offset: int) -> str:
    """The NUL-terminated string at ``offset`` (empty if outside the file)."""
    if offset < 0 or offset >= len(data):
        return ""
    end = data.find(b"\0", offset)
    if end < 0:
        end = len(data)
    return data[offset:end].decode("utf-8", "surrogateescape")


@dataclass(slots=True)
class Relocs:
    """One SHT_REL/SHT_RELA section's entries as arrays (modpost's r_offset, sym index, type, addend)."""

    offset: np.ndarray
    sym: np.ndarray
    type: np.ndarray
    addend: np.ndarray
    is_rela: bool


class ObjectFile:
    """The parts of one ET_REL object modpost reads, validated the way parse_elf() validates."""

    def __init__(self, path: str, data: bytes):
        self.path = path
        self.data = data
        self.size = len(data)
        ident = data[:16]
        self.is64 = ident[4] != 1  # ELFCLASS32 == 1; anything else is read as the 64-bit layout
        self.little = ident[5] != 2  # ELFDATA2MSB == 2
        ehdr_s, shdr_t, sym_t, self._rela_t, self._rel_t = _DTYPES[(self.is64, self.little)]
        hdr = dict(zip(EHDR.names(64 if self.is64 else 32), ehdr_s.unpack_from(data, 0)))
        self.e_type = hdr["e_type"]
        self.machine = hdr["e_machine"]
        if self.e_type != ET_REL:
            raise ObjectFatal(f"{path}: not relocatable object.")
        shoff = hdr["e_shoff"]
        if shoff > self.size:
            raise ObjectFatal(f"section header offset={shoff} in file '{path}' is bigger than filesize={self.size}\n")
        shnum = hdr["e_shnum"]
        shstrndx = hdr["e_shstrndx"]
        shentsize = shdr_t.itemsize
        if shoff + shentsize > self.size and (shnum or shstrndx == SHN_XINDEX):
            raise ObjectFatal(f"{path}: section header table goes past the end of the file\n")
        if shnum == 0 or shstrndx == SHN_XINDEX:
            first = np.frombuffer(data, shdr_t, 1, shoff)[0] if shoff + shentsize <= self.size else None
        num = shnum if shnum else (int(first["sh_size"]) if first is not None else 0)
        self.num_sections = num
        if shstrndx == SHN_XINDEX:
            shstrndx = int(first["sh_link"])
        if shoff + num * shentsize > self.size:
            raise ObjectFatal(f"{path}: section header table goes past the end of the file\n")
        sh = np.frombuffer(data, shdr_t, num, shoff)
        # a few dozen sections: plain lists index faster than numpy scalars
        self.sh_name: list[int] = sh["sh_name"].tolist()
        self.sh_type: list[int] = sh["sh_type"].tolist()
        self.sh_flags: list[int] = sh["sh_flags"].tolist()
        self.sh_offset: list[int] = sh["sh_offset"].tolist()
        self.sh_size: list[int] = sh["sh_size"].tolist()
        self.sh_link: list[int] = sh["sh_link"].tolist()
        self.sh_info: list[int] = sh["sh_info"].tolist()
        if shstrndx >= num:
            raise ObjectFatal(f"{path}: section name string table index {shstrndx} is out of range\n")
        strings_off = int(self.sh_offset[shstrndx])
        self.secnames: list[str] = self._section_names(strings_off, self.sh_size[shstrndx])

        symtab_idx = -1
        shndx_idx = -1
        self.modinfo: bytes | None = None
        #: the strings of the last .no_trim_symbol section (7.3: symbol_get() targets)
        self.no_trim_symbols: list[str] = []
        types = self.sh_type
        offsets = self.sh_offset
        sizes = self.sh_size
        for i in range(1, num):
            nobits = types[i] == SHT_NOBITS
            if not nobits and offsets[i] > self.size:
                raise ObjectFatal(f"{path} is truncated. sechdrs[i].sh_offset={offsets[i]} > "
                                  f"sizeof(*hrd)={ehdr_s.size}\n")
            if self.secnames[i] == ".modinfo":
                if nobits:
                    raise ObjectFatal(f"{path} has NOBITS .modinfo\n")
                self.modinfo = data[offsets[i]:offsets[i] + sizes[i]]
            elif self.secnames[i] == ".no_trim_symbol":
                raw = data[offsets[i]:offsets[i] + sizes[i]]
                self.no_trim_symbols = [n.decode("utf-8", "surrogateescape") for n in raw.split(b"\0") if n]
            if types[i] == SHT_SYMTAB:
                symtab_idx = i
            if types[i] == SHT_SYMTAB_SHNDX:
                shndx_idx = i
        if symtab_idx < 0:
            raise ObjectFatal(f"{path} has no symtab?\n")
        self.symtab_index = symtab_idx
        off, size = offsets[symtab_idx], sizes[symtab_idx]
        if off + size > self.size:
            raise ObjectFatal(f"{path}: symbol table goes past the end of the file\n")
        count = size // sym_t.itemsize
        syms = np.frombuffer(data, sym_t, count, off)
        self.sym_name = syms["st_name"].astype(np.int64)
        self.sym_info = syms["st_info"]
        self.sym_bind = self.sym_info >> 4
        shndx = self.sym_shndx = syms["st_shndx"].astype(np.int64)
        self.sym_value = syms["st_value"]  # views: read one at a time, no copy needed
        self.sym_size = syms["st_size"]
        link = int(self.sh_link[symtab_idx])
        self.strtab_offset = int(self.sh_offset[link]) if 0 <= link < num else 0
        secindex = shndx
        # most objects have no special index (SHN_ABS, SHN_COMMON, SHN_XINDEX ...) at all:
        # then the section index is st_shndx itself
        if count and int(np.maximum.reduce(shndx)) >= SHN_LORESERVE:
            secindex = shndx.copy()
            reserved = (secindex >= SHN_LORESERVE) & (secindex <= SHN_HIRESERVE)
            # get_secindex(): reserved indices move out of the way to UINT_MAX-255..UINT_MAX
            secindex[reserved] = secindex[reserved] - SHN_HIRESERVE - 1 + (1 << 32)
        if shndx_idx >= 0:
            if int(self.sh_link[shndx_idx]) != symtab_idx:
                raise ObjectFatal(f"{path}: SYMTAB_SHNDX has bad sh_link: "
                                  f"{int(self.sh_link[shndx_idx])}!={symtab_idx}\n")
        if shndx_idx >= 0 and secindex is not shndx:  # some symbol may be SHN_XINDEX
            xoff, xsize = offsets[shndx_idx], sizes[shndx_idx]
            xt = np.dtype(("<" if self.little else ">") + "u4")
            xcount = min(max(0, min(xsize, self.size - xoff)) // 4, count)
            table = np.zeros(count, np.int64)
            table[:xcount] = np.frombuffer(data, xt, xcount, xoff)
            xidx = self.sym_shndx == SHN_XINDEX
            secindex[xidx] = table[xidx]
        self.sym_secindex = secindex
        self._names: dict[int, str] = {}

    @cached_property
    def sym_type(self) -> np.ndarray:
        """Every symbol's ELF_ST_TYPE (wanted only for the few symbols a check looks at)."""
        return self.sym_info & 0xF

    # -- strings -------------------------------------------------------------------------

    def _section_names(self, strings_off: int, strings_size: int) -> list[str]:
        """Every section's name, read at its sh_name in the section-name string table (and, as
        modpost reads it, past the table's end if sh_name points there)."""
        data = self.data
        raw = data[strings_off:strings_off + strings_size]
        if raw.endswith(b"\0") and raw.isascii() and max(self.sh_name, default=0) < len(raw):
            # the usual table: decoded once, names as str slices
            text = raw.decode("ascii")
            index = text.index
            return [text[n:index("\0", n)] for n in self.sh_name]
        find = data.find
        names = []
        for n in self.sh_name:
            at = strings_off + n
            if at >= self.size:
                names.append("")
                continue
            end = find(b"\0", at)
            names.append(data[at:end if end >= 0 else self.size].decode("utf-8", "surrogateescape"))
        return names

    def sym_name_of(self, i: int) -> str:
        """The raw name of symbol ``i`` (before remove_dot)."""
        off = int(self.sym_name[i])
        name = self._names.get(off)
        if name is None:
            name = c_string_at(self.data, self.strtab_offset + off)
            self._names[off] = name
        return name

    def names_of(self, indices: np.ndarray) -> list[str]:
        """Raw names of many symbols at once.

        The usual string table is ASCII and NUL-terminated: then it is decoded once, the end of
        every name is found with one search over the NUL positions, and names are str slices.
        Anything else (non-ASCII bytes, a name running past the table) takes the general path."""
        offs = self.sym_name[indices]
        table = self._strtab_text()
        if table is not None and len(offs):
            text, nuls = table
            # (ufunc.reduce and the searchsorted method: the numpy functions' Python wrappers
            # cost more than the work on a typical object's few hundred names)
            if int(np.maximum.reduce(offs)) < len(text):
                ends = nuls[nuls.searchsorted(offs)]
                return [text[a:b] for a, b in zip(offs.tolist(), ends.tolist())]
        data = self.data
        find = data.find
        out = []
        append = out.append
        size = len(data)
        for off in (offs + self.strtab_offset).tolist():
            if off >= size:
                append("")
                continue
            end = find(b"\0", off)
            append(data[off:end if end >= 0 else size].decode("utf-8", "surrogateescape"))
        return out

    def _strtab_text(self):
        """(text, NUL positions) of an ASCII string table that ends in NUL, else None (cached)."""
        cached = self.__dict__.get("_strtab_cache", False)
        if cached is not False:
            return cached
        link = self.sh_link[self.symtab_index]
        size = self.sh_size[link] if 0 <= link < self.num_sections else 0
        start = self.strtab_offset
        result = None
        if 0 < size and start + size <= self.size:
            raw = self.data[start:start + size]
            if raw.endswith(b"\0") and raw.isascii():
                result = (raw.decode("ascii"), (np.frombuffer(raw, np.uint8) == 0).nonzero()[0])
        self.__dict__["_strtab_cache"] = result
        return result

    def sec_name(self, secindex: int) -> str:
        """modpost's sec_name(): "" for indices outside the section table."""
        if 0 <= secindex < self.num_sections:
            return self.secnames[secindex]
        return ""

    def prefix_tags(self, prefixes: tuple[bytes, ...]) -> np.ndarray:
        """Per symbol, a bit mask: bit k set when its name starts with ``prefixes[k]`` (up to 8).

        Rather than looking at every name, each prefix is searched for in the string table
        (a handful of bytes.find calls per object: the names of interest are few) and the hits
        are marked at their offsets; the symbols then pick their marks up in one gather.  A
        name that starts in the table may run past its end into the rest of the file, as in C,
        so the search covers the longest prefix's length beyond it; names that start past the
        table are tested one by one on their names as :meth:`names_of` reads them."""
        link = self.sh_link[self.symtab_index]
        size = self.sh_size[link] if 0 <= link < self.num_sections else 0
        start = self.strtab_offset
        size = max(0, min(size, self.size - start))
        longest = max(map(len, prefixes))
        table = self.data[start:start + size + longest - 1]
        mark = bytearray(size + 1)  # the last slot: every name past the table
        find = table.find
        for bit, prefix in enumerate(prefixes):
            p = find(prefix)
            while 0 <= p < size:
                mark[p] |= 1 << bit
                p = find(prefix, p + 1)
        offs = self.sym_name
        marks = np.frombuffer(mark, np.uint8)
        if not len(offs) or int(np.maximum.reduce(offs)) < size:
            return marks[offs]
        tags = marks[np.minimum(offs, size)]
        beyond = (offs >= size).nonzero()[0]
        for i, name in zip(beyond.tolist(), self.names_of(beyond)):
            raw = name.encode("utf-8", "surrogateescape")
            tags[i] = sum(1 << bit for bit, prefix in enumerate(prefixes) if raw.startswith(prefix))
        return tags

    # -- data ----------------------------------------------------------------------------

    def section_bytes(self, secindex: int, offset: int, size: int) -> bytes:
        """``size`` bytes at ``offset`` into section ``secindex`` (zeros past the end of the file)."""
        start = int(self.sh_offset[secindex]) + offset
        if start < 0 or start + size > self.size:
            # modpost would read past its mapping here (and crash or read garbage)
            raise ObjectFatal(f"{self.path}: data at section {secindex}+{offset:#x} ({size} bytes) "
                              "goes past the end of the file\n")
        return self.data[start:start + size]

    def c_string_in_section(self, secindex: int, offset: int) -> str:
        if not 0 <= secindex < self.num_sections:
            return ""
        return c_string_at(self.data, int(self.sh_offset[secindex]) + offset)

    def reloc_symbols(self, i: int) -> np.ndarray:
        """Only the symbol indices of relocation section ``i`` (the cheap filter input)."""
        rela = int(self.sh_type[i]) == SHT_RELA
        off, size = int(self.sh_offset[i]), int(self.sh_size[i])
        if self.is64:
            words = 3 if rela else 2
            count = max(0, min(size, self.size - off)) // (8 * words)
            if self.little:
                # r_info is the second 64-bit word of each entry; the symbol is its high half,
                # i.e. the fourth 32-bit word
                return np.frombuffer(self.data, "<u4", count * words * 2, off)[3::words * 2]
        dt = self._rela_t if rela else self._rel_t
        count = max(0, min(size, self.size - off)) // dt.itemsize
        info = np.frombuffer(self.data, dt, count, off)["r_info"]
        if self.is64:
            return (info >> np.uint64(32)).astype(np.int64)
        return (info >> np.uint32(8)).astype(np.int64)

    def relocs(self, i: int) -> Relocs:
        rela = int(self.sh_type[i]) == SHT_RELA
        dt = self._rela_t if rela else self._rel_t
        off, size = int(self.sh_offset[i]), int(self.sh_size[i])
        count = max(0, min(size, self.size - off)) // dt.itemsize
        arr = np.frombuffer(self.data, dt, count, off)
        info = arr["r_info"].astype(np.uint64)
        if self.is64:
            sym = (info >> np.uint64(32)).astype(np.int64)
            typ = (info & np.uint64(0xFFFFFFFF)).astype(np.int64)
        else:
            sym = (info >> np.uint64(8)).astype(np.int64)
            typ = (info & np.uint64(0xFF)).astype(np.int64)
        addend = arr["r_addend"].astype(np.int64) if rela else np.zeros(count, np.int64)
        return Relocs(arr["r_offset"].astype(np.uint64), sym, typ, addend, rela)


def modinfo_values(modinfo: bytes | None, tag: str) -> list[str]:
    """Every value of ``tag=`` in a .modinfo section, as get_modinfo/get_next_modinfo find them."""
    if not modinfo:
        return []
    key = tag.encode() + b"="
    if key not in modinfo:
        return []
    out = []
    for entry in modinfo.split(b"\0"):
        if entry.startswith(key):
            out.append(entry[len(key):].decode("utf-8", "surrogateescape"))
    return out
