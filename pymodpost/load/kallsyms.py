"""add_kallsyms() (kernel/module/kallsyms.c, 6.1): the module's symbol tables for /proc/kallsyms.

Runs in post_relocation, before module_finalize.  In init memory it fills ``struct mod_kallsyms``
(pointers to the whole .symtab and .strtab copies, and a type letter per symbol); at the end of
the core allocation it writes the cut-down table kept after init: the kept symbols (with st_name
re-based into a new string table), their names, and their type letters.  Done with numpy: a
module can keep thousands of symbols.
"""

from __future__ import annotations

import numpy as np

from pymodpost.load.image import (
    SHF_ALLOC,
    SHF_EXECINSTR,
    SHF_WRITE,
    SHN_ABS,
    SHN_UNDEF,
    SHT_NOBITS,
    STB_WEAK,
    SYM_DTYPE,
    LoadInfo,
)
from pymodpost.load.result import Layout

SHN_LORESERVE = 0xFF00
STT_OBJECT = 1


def section_letter(sh) -> str:
    """elf_type()'s answer for a symbol defined in this section (bind and index cases aside)."""
    if sh.sh_flags & SHF_EXECINSTR:
        return "t"
    if sh.sh_flags & SHF_ALLOC and sh.sh_type != SHT_NOBITS:
        return "d" if sh.sh_flags & SHF_WRITE else "r"
    if sh.sh_type == SHT_NOBITS:
        return "b"
    return "n" if sh.name.startswith(".debug") else "?"


def type_letters(info: LoadInfo) -> np.ndarray:
    """elf_type() for every symbol: an array of ASCII codes."""
    syms = info.symbols()
    shndx = syms["st_shndx"].astype(np.int64)
    bind = syms["st_info"] >> 4
    stype = syms["st_info"] & 0xF
    table = np.frombuffer("".join(section_letter(sh) for sh in info.sechdrs).encode(), dtype=np.uint8)
    inside = shndx < len(table)
    out = np.where(inside, table[np.where(inside, shndx, 0)], ord("?")).astype(np.uint8)
    out[shndx >= SHN_LORESERVE] = ord("?")
    special = shndx == SHN_ABS
    if info.index.pcpu:
        special |= shndx == info.index.pcpu
    out[special] = ord("a")
    out[shndx == SHN_UNDEF] = ord("U")
    weak = bind == STB_WEAK
    out[weak] = np.where(stype[weak] == STT_OBJECT, ord("v"), ord("w"))
    return out


def add_kallsyms(info: LoadInfo, lay: Layout, kept: list[int], core: bytearray, init: bytearray,
                 init_base: int) -> None:
    symsec = info.sechdrs[info.index.sym]
    strsec = info.sechdrs[info.index.str]
    nsrc = symsec.sh_size // SYM_DTYPE.itemsize
    letters = type_letters(info)
    kal = lay.mod_kallsyms_init_off
    init[kal:kal + 8] = symsec.sh_addr.to_bytes(8, "little")
    init[kal + 8:kal + 12] = nsrc.to_bytes(4, "little")
    init[kal + 16:kal + 24] = strsec.sh_addr.to_bytes(8, "little")
    init[kal + 24:kal + 32] = (init_base + lay.init_typeoffs).to_bytes(8, "little")
    init[lay.init_typeoffs:lay.init_typeoffs + nsrc] = letters.tobytes()
    if not kept:
        return
    kept_ix = np.asarray(kept, dtype=np.int64)
    # the kept entries come from the .symtab copy in init memory, whose values are simplified
    symtab = np.frombuffer(init, dtype=SYM_DTYPE, count=nsrc, offset=symsec.sh_addr - init_base)
    entries = symtab[kept_ix].copy()
    strtab = np.frombuffer(info.data, dtype=np.uint8, count=strsec.sh_size, offset=strsec.sh_offset)
    starts = entries["st_name"].astype(np.int64)
    lengths = info.name_lengths(starts)
    if lengths is not None:
        lengths = lengths + 1  # with the NUL
        out_starts = np.concatenate(([0], np.cumsum(lengths)[:-1]))
        source = np.repeat(starts - out_starts, lengths) + np.arange(int(lengths.sum()))
        names = strtab[source].tobytes()
    else:  # a name running past its table: the kernel's strscpy reads on through the file copy
        pieces = []
        for st in starts.tolist():
            at = strsec.sh_offset + st
            end = info.data.find(b"\0", at)
            pieces.append(info.data[at:end if end >= 0 else len(info.data)] + b"\0")
        out_starts = np.cumsum([0] + [len(p) for p in pieces[:-1]])
        names = b"".join(pieces)
    entries["st_name"] = out_starts.astype(np.uint32)
    core[lay.symoffs:lay.symoffs + entries.nbytes] = entries.tobytes()
    core[lay.stroffs:lay.stroffs + len(names)] = names
    core[lay.core_typeoffs:lay.core_typeoffs + len(kept_ix)] = letters[kept_ix].tobytes()
