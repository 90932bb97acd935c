"""layout_and_allocate() after check_modinfo: frob, rwx check, layout, symtab room, move (6.1).

On x86_64 and riscv64 6.1 keeps one core allocation (``data_layout`` is ``core_layout``) and one
init allocation.  Sections are placed by five flag masks (text, rodata, ro_after_init, data, the
rest) in section-index order, each mask group padded to a page when STRICT_MODULE_RWX is set;
sections whose names start with ".init" (and ".exit" without MODULE_UNLOAD) go to init.
"""

from __future__ import annotations

from pymodpost.errors import KernelError
from pymodpost.load.checks import ModuleCtx, find_sec
from pymodpost.load.image import (
    ENTSIZE_UNSET,
    INIT_OFFSET_MASK,
    SHF_ALLOC,
    SHF_EXECINSTR,
    SHF_RO_AFTER_INIT,
    SHF_WRITE,
    SHN_UNDEF,
    SHT_NOBITS,
    LoadInfo,
)
from pymodpost.load.result import Layout

U32 = 0xFFFFFFFF
SIZEOF_SYM = 24
SIZEOF_MOD_KALLSYMS = 32
ALIGNOF_MOD_KALLSYMS = 8

#: (must have, must not have) per mask; ARCH_SHF_SMALL is 0 on x86_64 and riscv64
MASKS = (
    (SHF_EXECINSTR | SHF_ALLOC, 0),
    (SHF_ALLOC, SHF_WRITE),
    (SHF_RO_AFTER_INIT | SHF_ALLOC, 0),
    (SHF_WRITE | SHF_ALLOC, 0),
    (SHF_ALLOC, 0),
)


def _align(value: int, align: int) -> int:
    return (value + align - 1) // align * align


def module_enforce_rwx_sections(ctx: ModuleCtx) -> None:
    if not ctx.state.profile.config.strict_module_rwx:
        return
    for sh in ctx.info.sechdrs:
        if sh.sh_flags & (SHF_WRITE | SHF_EXECINSTR) == SHF_WRITE | SHF_EXECINSTR:
            raise KernelError(
                f"{ctx.mod_name}: section {sh.name} (index {sh.index}) has invalid WRITE|EXEC flags", "ENOEXEC"
            )


class _Sizes:
    """A layout's running size: an unsigned int in the kernel, so it wraps at 32 bits."""

    __slots__ = ("size",)

    def __init__(self) -> None:
        self.size = 0

    def get_offset(self, sh) -> int:
        off = _align(self.size, sh.sh_addralign or 1) & U32
        self.size = (off + sh.sh_size) & U32
        return off


def layout_sections(info: LoadInfo, strict_rwx: bool, page: int, module_unload: bool) -> tuple[Layout, _Sizes, _Sizes]:
    def strict_align(n: int) -> int:
        return _align(n, page) & U32 if strict_rwx else n

    def is_init(name: str) -> bool:
        return name.startswith(".init") or (not module_unload and name.startswith(".exit"))

    for sh in info.sechdrs:
        sh.sh_entsize = ENTSIZE_UNSET
    lay = Layout()
    core, init = _Sizes(), _Sizes()
    # every mask needs SHF_ALLOC: the other sections can be left out of the scans
    candidates = [(sh, is_init(sh.name)) for sh in info.sechdrs if sh.sh_flags & SHF_ALLOC]
    for want_init, sizes in ((False, core), (True, init)):
        for m, (need, forbid) in enumerate(MASKS):
            for sh, sh_init in candidates:
                if (sh.sh_flags & need) != need or sh.sh_flags & forbid or sh.sh_entsize != ENTSIZE_UNSET:
                    continue
                if sh_init != want_init:
                    continue
                off = sizes.get_offset(sh)
                sh.sh_entsize = off | INIT_OFFSET_MASK if want_init else off
            if m in (0, 1):  # end of text, end of read-only data: each padded to a page
                sizes.size = strict_align(sizes.size)
                which = "text_size" if m == 0 else "ro_size"
                setattr(lay, ("init_" if want_init else "core_") + which, sizes.size)
            elif m == 2:
                if want_init:
                    lay.init_ro_after_init_size = lay.init_ro_size
                else:
                    sizes.size = strict_align(sizes.size)
                    lay.core_ro_after_init_size = sizes.size
            elif m == 4:
                sizes.size = strict_align(sizes.size)
    return lay, core, init


def _strlen(data: bytes, offset: int) -> int:
    end = data.find(b"\0", offset)
    return (end if end >= 0 else len(data)) - offset


def core_symbol_mask(syms, info: LoadInfo, kallsyms_all: bool, model=None):
    """is_core_symbol() for every symbol at once (numpy bool array)."""
    import numpy as np

    model = model or CoreInitModel
    shnum = len(info.sechdrs)
    shndx = syms["st_shndx"].astype(np.int64)
    flags = np.array([sh.sh_flags for sh in info.sechdrs], dtype=np.uint64)
    region = np.array([sh.sh_entsize for sh in info.sechdrs], dtype=np.uint64) >> np.uint64(model.region_shift)
    init_region = np.zeros(1 << (64 - model.region_shift), dtype=bool)
    init_region[list(model.init_regions)] = True
    is_init = init_region[region]
    valid = (shndx != SHN_UNDEF) & (shndx < shnum) & (syms["st_name"] != 0)
    idx = np.where(valid, shndx, 0)
    f = flags[idx]
    ok = ((f & np.uint64(SHF_ALLOC)) != 0) & ~is_init[idx]
    if not kallsyms_all:
        ok &= (f & np.uint64(SHF_EXECINSTR)) != 0
    elif info.index.pcpu:
        ok |= idx == info.index.pcpu
    return valid & ok


def layout_symtab(info: LoadInfo, lay: Layout, core: _Sizes, init: _Sizes, strict_rwx: bool, page: int,
                  kallsyms_all: bool, livepatch_module: bool, model=None) -> list[int]:
    """Room for .symtab/.strtab in init and the kept (core) symbols; returns the kept indices.

    ``core`` and ``init`` are the sizes the tables are appended to: 6.1's core and init layouts,
    or (6.4+, ``model`` MemRegionsModel, no page padding) mem[MOD_DATA] and mem[MOD_INIT_DATA]."""
    model = model or CoreInitModel
    init_mask = model.symtab_entsize_mask
    import numpy as np

    def strict_align(n: int) -> int:
        return _align(n, page) & U32 if strict_rwx else n

    symsect = info.sechdrs[info.index.sym]
    strsect = info.sechdrs[info.index.str]
    symsect.sh_flags |= SHF_ALLOC
    symsect.sh_entsize = init.get_offset(symsect) | init_mask
    syms = info.symbols()
    nsrc = len(syms)
    keep = core_symbol_mask(syms, info, kallsyms_all, model) if not livepatch_module else np.ones(nsrc, dtype=bool)
    if nsrc:
        keep[0] = True
    kept = np.flatnonzero(keep)
    # strlen of each kept name: distance to the next NUL in the file from the name's start
    starts = syms["st_name"][kept].astype(np.int64)
    lengths = info.name_lengths(starts)
    if lengths is not None:
        strtab_size = int(lengths.sum()) + len(kept)
    else:  # a name running past its table: strlen reads on through the file
        strtab_size = sum(_strlen(info.data, strsect.sh_offset + int(st)) for st in starts) + len(kept)
    ndst = len(kept)
    lay.symoffs = _align(core.size, symsect.sh_addralign or 1)
    lay.stroffs = core.size = (lay.symoffs + ndst * SIZEOF_SYM) & U32
    core.size = (core.size + strtab_size) & U32
    lay.core_typeoffs = core.size
    core.size = (core.size + ndst) & U32
    core.size = strict_align(core.size)
    strsect.sh_flags |= SHF_ALLOC
    strsect.sh_entsize = init.get_offset(strsect) | init_mask
    init.size = _align(init.size, ALIGNOF_MOD_KALLSYMS)
    lay.mod_kallsyms_init_off = init.size
    init.size += SIZEOF_MOD_KALLSYMS
    lay.init_typeoffs = init.size
    init.size += nsrc
    init.size = strict_align(init.size) & U32
    lay.core_symbols = ndst
    return kept.tolist()


#: the simulator's own ceiling on module memory (the kernel's is the module area, ~1.5-2 GiB)
SIMULATION_LIMIT = 512 << 20


def move_module(info: LoadInfo, core_size: int, init_size: int, core_base: int, init_base: int,
                module: str) -> tuple[bytearray, bytearray]:
    """Copy every ALLOC section to its place; sh_addr becomes the final address."""
    for size in (core_size, init_size):
        if size > SIMULATION_LIMIT:
            raise KernelError(
                f"{module}: module needs {size} bytes of module memory; the simulator stops at {SIMULATION_LIMIT}",
                "ENOMEM",
            )
    core = bytearray(core_size)
    init = bytearray(init_size)
    for sh in info.sechdrs:
        if not sh.sh_flags & SHF_ALLOC:
            continue
        if sh.sh_entsize & INIT_OFFSET_MASK:
            region, base, off = init, init_base, sh.sh_entsize & ~INIT_OFFSET_MASK
        else:
            region, base, off = core, core_base, sh.sh_entsize
        _copy_section(info, sh, region, off, module)
        sh.sh_addr = (base + off) & ((1 << 64) - 1)
    return core, init


def _copy_section(info: LoadInfo, sh, region: bytearray, off: int, module: str) -> None:
    """The section's file bytes to its place (NOBITS stays the allocation's zeroes)."""
    if sh.sh_type == SHT_NOBITS:
        return
    data = memoryview(info.data)[sh.sh_offset:sh.sh_offset + sh.sh_size]
    if off + len(data) > len(region):
        raise KernelError(
            f"{module}: section {sh.name} would be copied past the end of its allocation", None, crash=True
        )
    region[off:off + len(data)] = data


# --- 6.4+: struct module_memory mem[MOD_MEM_NUM_TYPES] ---

#: enum mod_mem_type, in allocation order (for_each_mod_mem_type)
MOD_TEXT, MOD_DATA, MOD_RODATA, MOD_RO_AFTER_INIT, MOD_INIT_TEXT, MOD_INIT_DATA, MOD_INIT_RODATA = range(7)
MOD_MEM_TYPE_NAMES = ("text", "data", "rodata", "ro_after_init", "init_text", "init_data", "init_rodata")
MOD_INIT_TYPES = (MOD_INIT_TEXT, MOD_INIT_DATA, MOD_INIT_RODATA)
#: module_get_offset_and_type() keeps the type in sh_entsize's top four bits
SH_ENTSIZE_TYPE_SHIFT = 60
SH_ENTSIZE_OFFSET_MASK = (1 << SH_ENTSIZE_TYPE_SHIFT) - 1
#: which type each of MASKS fills (__layout_sections); an init section marked ro_after_init has
#: none (the kernel warns once and leaves it out of the layout)
CORE_M_TO_MEM_TYPE = (MOD_TEXT, MOD_RODATA, MOD_RO_AFTER_INIT, MOD_DATA, MOD_DATA)
INIT_M_TO_MEM_TYPE = (MOD_INIT_TEXT, MOD_INIT_RODATA, None, MOD_INIT_DATA, MOD_INIT_DATA)


class CoreInitModel:
    """6.1: a core and an init allocation; bit 63 of sh_entsize says init."""

    names = ("core", "init")
    #: layout_symtab() puts .symtab and .strtab in init
    symtab_entsize_mask = INIT_OFFSET_MASK
    #: sh_entsize >> region_shift is the region (what region_of() gives, for many at once)
    region_shift = 63
    init_regions = (1,)

    @staticmethod
    def region_of(entsize: int) -> tuple[int, int]:
        return (1, entsize & ~INIT_OFFSET_MASK) if entsize & INIT_OFFSET_MASK else (0, entsize)

    @staticmethod
    def is_init_region(region: int) -> bool:
        return region in CoreInitModel.init_regions


class MemRegionsModel:
    """6.4+: one allocation per mod_mem_type; sh_entsize is ``type << 60 | offset``."""

    names = MOD_MEM_TYPE_NAMES
    #: layout_symtab() puts .symtab and .strtab in mem[MOD_INIT_DATA]
    symtab_entsize_mask = MOD_INIT_DATA << SH_ENTSIZE_TYPE_SHIFT
    region_shift = SH_ENTSIZE_TYPE_SHIFT
    init_regions = MOD_INIT_TYPES

    @staticmethod
    def region_of(entsize: int) -> tuple[int, int]:
        return entsize >> SH_ENTSIZE_TYPE_SHIFT, entsize & SH_ENTSIZE_OFFSET_MASK

    @staticmethod
    def is_init_region(region: int) -> bool:
        return region in MemRegionsModel.init_regions


MEMORY_MODELS = {"core-init": CoreInitModel, "mem-regions": MemRegionsModel}


def mark_ro_after_init_sections(info: LoadInfo, names: tuple[str, ...], every_section: bool) -> None:
    """Set SHF_RO_AFTER_INIT on the named sections: the first SHF_ALLOC one of each name
    (find_sec, 6.1-6.12) or, with ``every_section``, every section of that name whatever its flags
    (7.3's module_mark_ro_after_init)."""
    if not every_section:
        for name in names:
            ndx = find_sec(info, name)
            if ndx:
                info.sechdrs[ndx].sh_flags |= SHF_RO_AFTER_INIT
        return
    for sh in info.sechdrs[1:]:
        if sh.name in names:
            sh.sh_flags |= SHF_RO_AFTER_INIT


def layout_sections_mem(info: LoadInfo, module_unload: bool) -> list[_Sizes]:
    """layout_sections() of 6.4+: every SHF_ALLOC section gets its type and offset in sh_entsize;
    no page padding inside a type (each is its own page-aligned allocation).  Returns the
    running size of each type."""

    def is_init(name: str) -> bool:
        return name.startswith(".init") or (not module_unload and name.startswith(".exit"))

    for sh in info.sechdrs:
        sh.sh_entsize = ENTSIZE_UNSET
    sizes = [_Sizes() for _ in MOD_MEM_TYPE_NAMES]
    # the kernel scans the sections once per (core/init, mask) and takes each at the first scan
    # that wants it (a mask with no type for init sections leaves them to a later mask): the
    # same order as sorting the sections by (init, first such mask, index)
    placed = []
    for sh in info.sechdrs:
        flags = sh.sh_flags
        if not flags & SHF_ALLOC:
            continue
        sh_init = is_init(sh.name)
        m_to_type = INIT_M_TO_MEM_TYPE if sh_init else CORE_M_TO_MEM_TYPE
        for m, (need, forbid) in enumerate(MASKS):
            if flags & need == need and not flags & forbid and m_to_type[m] is not None:
                placed.append((sh_init, m, sh.index, m_to_type[m]))
                break
    placed.sort()
    sechdrs = info.sechdrs
    for _, _, index, mem_type in placed:
        sh = sechdrs[index]
        sh.sh_entsize = sizes[mem_type].get_offset(sh) | mem_type << SH_ENTSIZE_TYPE_SHIFT
    return sizes


def move_module_mem(info: LoadInfo, sizes: list[int], bases: list[int | None], module: str) -> list[bytearray]:
    """move_module() of 6.4+: each non-empty type is its own zeroed allocation of ``sizes[type]``
    (already page-aligned, as module_memory_alloc stores it) at ``bases[type]``; every SHF_ALLOC
    section is copied to its type's base plus its offset and sh_addr becomes that address."""
    for size in sizes:
        if size > SIMULATION_LIMIT:
            raise KernelError(
                f"{module}: module needs {size} bytes of module memory; the simulator stops at {SIMULATION_LIMIT}",
                "ENOMEM",
            )
    regions = [bytearray(size) for size in sizes]
    for sh in info.sechdrs:
        if not sh.sh_flags & SHF_ALLOC:
            continue
        mem_type, off = MemRegionsModel.region_of(sh.sh_entsize)
        if mem_type >= len(regions):
            # an ALLOC section the layout left out (an init section marked ro_after_init): the
            # kernel warned once and now indexes mem[] out of bounds
            raise KernelError(f"{module}: section {sh.name} has no module memory type", None, crash=True)
        # an empty type was not allocated (base NULL): its empty sections end up at their offset
        base = bases[mem_type] if sizes[mem_type] else 0
        _copy_section(info, sh, regions[mem_type], off, module)
        sh.sh_addr = (base + off) & ((1 << 64) - 1)
    return regions
