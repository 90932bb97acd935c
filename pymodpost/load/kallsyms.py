"""add_kallsyms() (kernel/module/kallsyms.c, 6.1): the module's symbol tables for /proc/kallsyms.

Runs in post_relocation, before module_finalize.  In init memory it fills ``struct mod_kallsyms``
(pointers to the whole .symtab and .strtab copies, and a type letter per symbol); at the end of
the core allocation it writes the cut-down table kept after init: the kept symbols (with st_name
re-based into a new string table), their names, and their type letters.
"""

from __future__ import annotations

from pymodpost.load.image import LoadInfo
from pymodpost.load.result import Layout, SymbolRecord

SIZEOF_SYM = 24


def add_kallsyms(info: LoadInfo, lay: Layout, kept: list[int], letters: list[str], core: bytearray,
                 init: bytearray, init_base: int) -> None:
    symsec = info.sechdrs[info.index.sym]
    strsec = info.sechdrs[info.index.str]
    nsrc = symsec.sh_size // SIZEOF_SYM
    sym_off = symsec.sh_addr - init_base  # .symtab lives in init memory, already simplified
    kal = lay.mod_kallsyms_init_off
    init[kal:kal + 8] = symsec.sh_addr.to_bytes(8, "little")
    init[kal + 8:kal + 12] = nsrc.to_bytes(4, "little")
    init[kal + 16:kal + 24] = strsec.sh_addr.to_bytes(8, "little")
    init[kal + 24:kal + 32] = (init_base + lay.init_typeoffs).to_bytes(8, "little")
    init[lay.init_typeoffs:lay.init_typeoffs + nsrc] = "".join(letters).encode("latin-1")
    strtab = info.data[strsec.sh_offset:strsec.sh_offset + strsec.sh_size]
    dst, s = lay.symoffs, lay.stroffs
    for ndst, i in enumerate(kept):
        entry = bytearray(init[sym_off + SIZEOF_SYM * i:sym_off + SIZEOF_SYM * (i + 1)])
        st_name = int.from_bytes(entry[:4], "little")
        entry[:4] = (s - lay.stroffs).to_bytes(4, "little")
        core[dst + SIZEOF_SYM * ndst:dst + SIZEOF_SYM * (ndst + 1)] = entry
        end = strtab.find(b"\0", st_name)
        name = strtab[st_name:end if end >= 0 else len(strtab)]
        core[s:s + len(name) + 1] = name + b"\0"
        s += len(name) + 1
        core[lay.core_typeoffs + ndst] = ord(letters[i])


def letters_for(symbols: list[SymbolRecord] | None, info: LoadInfo) -> list[str]:
    """Type letters per symbol, from the simplify records or computed afresh."""
    if symbols:
        return [s.letter for s in symbols]
    from pymodpost.load.symbols import elf_type

    syms = info.symbols()
    binds = (syms["st_info"] >> 4).tolist()
    types = (syms["st_info"] & 0xF).tolist()
    return [elf_type(b, t, x, info) for b, t, x in zip(binds, types, syms["st_shndx"].tolist())]
