"""x86_64 relocations as Linux 6.1's ``apply_relocate_add`` (arch/x86/kernel/module.c) applies them.

Every handled type first insists that the field is still zero (a RELA object keeps its addends in
the relocation, so a non-zero field means a second relocation hit the same bytes), then writes.
For R_X86_64_32 and R_X86_64_32S the overflow test happens *after* the write, as in 6.1; the PC
relative types have no overflow test at all in 6.1 (it sits inside ``#if 0``), so a far target is
silently truncated.  The file defines ``pr_fmt`` as ``KBUILD_MODNAME ": "`` and is built into the
kernel as ``module.o``, hence every message starts with ``module: ``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pymodpost.arch.common import (
    U32,
    U64,
    AddressSpace,
    RelocRecord,
    RelocTable,
    SymbolView,
    get_u32,
    get_u64,
    put_u32,
    put_u64,
    row,
    apply_entry,
    rela_entries,
    signed,
    truncates_unchecked,
)
from pymodpost.elf.constants import EM_X86_64, RX86_64  # noqa: F401  (EM_X86_64: part of the API)
from pymodpost.errors import KernelError, format_pointer

R_X86_64_NONE = RX86_64.R_X86_64_NONE
R_X86_64_64 = RX86_64.R_X86_64_64
R_X86_64_PC32 = RX86_64.R_X86_64_PC32
R_X86_64_PLT32 = RX86_64.R_X86_64_PLT32
R_X86_64_32 = RX86_64.R_X86_64_32
R_X86_64_32S = RX86_64.R_X86_64_32S
R_X86_64_PC64 = RX86_64.R_X86_64_PC64

PR_FMT = "module: "


@dataclass(slots=True)
class X86Env:
    """What the x86 handlers need besides S, A and P: the module name for messages and, for the
    kernels whose messages name them (7.3), the relocation section's index and the entry's index
    in it, which the driver keeps current.  ``log``: lines printed without refusing (none on x86)."""

    module: str = "module"
    relsec: int = 0
    index: int = 0
    log: list[str] = field(default_factory=list)

    def frob_detail(self) -> str:
        return "nothing to do on x86_64"

    def place(self, shdrs, memory) -> None:
        """Nothing arch-specific lives in module memory on x86_64."""

    def entries_used(self) -> dict[str, int]:
        return {}


def module_frob_arch_sections(module: str, shdrs, relas_of, *, module_sections: bool = False,
                              cmodel_medlow: bool = False) -> X86Env:
    """The weak default of 6.1: x86_64 adjusts no section before layout."""
    return X86Env(module)


DEFAULT_ENV = X86Env()


def _nonzero_target(rtype: int, P: int, val: int) -> KernelError:
    return KernelError(
        f"{PR_FMT}x86/modules: Skipping invalid relocation target, existing value is nonzero "
        f"for type {rtype}, loc {format_pointer(P)}, val {val & U64:x}",
        "ENOEXEC",
    )


def _overflow(rtype: int, val: int, env: X86Env) -> KernelError:
    return KernelError(
        (
            f"{PR_FMT}overflow in relocation type {rtype} val {val & U64:x}",
            f"{PR_FMT}`{env.module}' likely not compiled with -mcmodel=kernel",
        ),
        "ENOEXEC",
    )


def r_x86_64_none(mem: bytearray, off: int, S: int, A: int, P: int, env: X86Env = DEFAULT_ENV) -> None:
    """R_X86_64_NONE: nothing is written (objtool turns patched mcount calls into these)."""


def r_x86_64_64(mem: bytearray, off: int, S: int, A: int, P: int, env: X86Env = DEFAULT_ENV) -> None:
    """R_X86_64_64: the 8-byte absolute address S + A."""
    val = (S + A) & U64
    if get_u64(mem, off):
        raise _nonzero_target(R_X86_64_64, P, val)
    put_u64(mem, off, val)


def r_x86_64_32(mem: bytearray, off: int, S: int, A: int, P: int, env: X86Env = DEFAULT_ENV) -> None:
    """R_X86_64_32: S + A must zero-extend from 32 bits."""
    val = (S + A) & U64
    if get_u32(mem, off):
        raise _nonzero_target(R_X86_64_32, P, val)
    put_u32(mem, off, val)
    if val != val & U32:
        raise _overflow(R_X86_64_32, val, env)


def r_x86_64_32s(mem: bytearray, off: int, S: int, A: int, P: int, env: X86Env = DEFAULT_ENV) -> None:
    """R_X86_64_32S: S + A must sign-extend from 32 bits (the kernel's -mcmodel=kernel addresses)."""
    val = (S + A) & U64
    if get_u32(mem, off):
        raise _nonzero_target(R_X86_64_32S, P, val)
    put_u32(mem, off, val)
    if signed(val, 64) != signed(val, 32):
        raise _overflow(R_X86_64_32S, val, env)


def _pc32(rtype: int, mem: bytearray, off: int, S: int, A: int, P: int) -> None:
    val = (S + A) & U64
    if get_u32(mem, off):
        raise _nonzero_target(rtype, P, val)
    put_u32(mem, off, val - P)


def r_x86_64_pc32(mem: bytearray, off: int, S: int, A: int, P: int, env: X86Env = DEFAULT_ENV) -> None:
    """R_X86_64_PC32: S + A - P, truncated to 32 bits without a range check (6.1)."""
    _pc32(R_X86_64_PC32, mem, off, S, A, P)


def r_x86_64_plt32(mem: bytearray, off: int, S: int, A: int, P: int, env: X86Env = DEFAULT_ENV) -> None:
    """R_X86_64_PLT32: modules have no PLT, so the same as PC32."""
    _pc32(R_X86_64_PLT32, mem, off, S, A, P)


def r_x86_64_pc64(mem: bytearray, off: int, S: int, A: int, P: int, env: X86Env = DEFAULT_ENV) -> None:
    """R_X86_64_PC64: S + A - P in 8 bytes."""
    val = (S + A) & U64
    if get_u64(mem, off):
        raise _nonzero_target(R_X86_64_PC64, P, val)
    put_u64(mem, off, val - P)


def _refuse(rtype: int, env: X86Env) -> None:
    raise KernelError(f"{PR_FMT}{env.module}: Unknown rela relocation: {rtype}", "ENOEXEC")


HANDLERS = RelocTable(
    [
        row(R_X86_64_NONE, r_x86_64_none, 0, "nothing written"),
        row(R_X86_64_64, r_x86_64_64, 8, "S + A (8 bytes; the field must be zero before)"),
        row(R_X86_64_PC32, r_x86_64_pc32, 4, "S + A - P (4 bytes, no range check: truncated when out of "
            "s32 range; the field must be zero before)", truncates_unchecked(32, pc_relative=True)),
        row(R_X86_64_PLT32, r_x86_64_plt32, 4, "S + A - P, as PC32 (modules have no PLT)",
            truncates_unchecked(32, pc_relative=True)),
        row(R_X86_64_32, r_x86_64_32, 4, "S + A (4 bytes, written, then refused unless it zero-extends "
            "from 32 bits; the field must be zero before)"),
        row(R_X86_64_32S, r_x86_64_32s, 4, "S + A (4 bytes, written, then refused unless it sign-extends "
            "from 32 bits; the field must be zero before)"),
        row(R_X86_64_PC64, r_x86_64_pc64, 8, "S + A - P (8 bytes; the field must be zero before)"),
    ],
    _refuse,
)


def drive(table: RelocTable, space: AddressSpace, target_addr: int, relas: list[tuple[int, int, int]],
          symbols: SymbolView, env: X86Env, records: list[RelocRecord] | None, relsec: int, first_index: int) -> None:
    """The loop of every x86_64 kernel's apply_relocate_add over one section, with ``table``'s handlers.

    Unlike riscv, x86 does not look for unresolved (error-valued) symbols here: simplify_symbols
    has already refused them, and a weak undefined symbol simply has the value 0.
    """
    env.relsec = relsec
    for i, P, sym, rtype, S, A in rela_entries(target_addr, relas, symbols, env.module):
        env.index = first_index + i
        row = table.lookup(rtype, env)
        if row.width:  # R_X86_64_NONE: nothing to do, nothing to record
            apply_entry(space, row, first_index + i, sym, S, A, P, env, records)


def make_driver(table: RelocTable):
    """The ``apply_relocate_add`` of a kernel whose handlers are ``table``."""

    def apply_relocate_add(
        space: AddressSpace,
        target_addr: int,
        relas: list[tuple[int, int, int]],
        symbols: SymbolView,
        env: X86Env,
        records: list[RelocRecord] | None = None,
        *,
        relsec: int = 0,
        first_index: int = 0,
    ) -> None:
        """Apply one SHT_RELA section (index ``relsec``) whose target section sits at
        ``target_addr``, in entry order; ``first_index`` is the position of ``relas[0]`` in its
        section (a replay of one entry of the bulk path)."""
        drive(table, space, target_addr, relas, symbols, env, records, relsec, first_index)

    return apply_relocate_add


apply_relocate_add = make_driver(HANDLERS)


_WIDTH = {RX86_64(handler.number): handler.width for handler in HANDLERS}


_TABLES = None
#: plain ints for numpy comparisons (an IntEnum operand makes numpy probe the enum's attributes)
_INT = {t: int(t) for t in _WIDTH}


def _width_tables():
    """Per type number: field width and whether 6.1 handles it (numpy lookup tables)."""
    global _TABLES
    if _TABLES is None:
        import numpy as np

        width = np.zeros(64, dtype=np.int64)
        known = np.zeros(64, dtype=bool)
        for t, w in _WIDTH.items():
            width[t], known[t] = w, True
        _TABLES = (width, known)
    return _TABLES


def _field_view(mem: bytearray, width: int):
    """Every ``width``-byte little-endian field of ``mem``, by byte offset: an unaligned strided
    view (element i is the field starting at byte i), so a gather or scatter costs one index per
    field."""
    import numpy as np

    return np.ndarray(shape=(max(len(mem) - width + 1, 0),), dtype=f"<u{width}", buffer=mem, strides=(1,))


def apply_relocate_add_bulk(space, P, r_info, r_addend, symbols: SymbolView) -> int | None:
    """Apply many relocations at once with numpy, as the entry-by-entry drivers would.

    ``P`` (uint64), ``r_info`` (uint64) and ``r_addend`` (int64) are arrays covering one or more
    relocation sections in kernel order.  Entries are applied up to the first one the kernel would
    refuse; its index is returned (``len(P)`` when none), and the caller replays that entry through
    :func:`apply_relocate_add` to raise the kernel's error.  Returns None, having written nothing,
    when the vectorised path cannot promise the same outcome: fields overlapping (the nonzero check
    would depend on order), a field outside module memory, a symbol index past the table, module
    regions overlapping each other (the per-entry path takes the first that holds the field).
    """
    import numpy as np

    n = len(P)
    if n == 0:
        return 0
    regions = getattr(space, "regions", None)
    values = getattr(symbols, "array", None)
    if regions is None or values is None:
        return None
    rtype = (r_info & np.uint64(U32)).astype(np.int64)
    sym = (r_info >> np.uint64(32)).astype(np.int64)
    if int(sym.max()) >= len(values):
        return None
    table_width, table_known = _width_tables()
    clipped = np.minimum(rtype, len(table_width) - 1)
    width = table_width[clipped]
    known = table_known[clipped] & (rtype < len(table_width))
    act = np.flatnonzero(known & (width > 0))
    # the regions side by side in one buffer (by base address), each field at its offset there
    placed = sorted((base, k) for k, (base, mem) in enumerate(regions) if base > 0)
    if not placed or any(b0 + len(regions[k0][1]) > b1 for (b0, k0), (b1, _) in zip(placed, placed[1:])):
        return None
    mems = [regions[k][1] for _, k in placed]
    bases = np.array([b for b, _ in placed], dtype=np.uint64)
    sizes = np.array([len(m) for m in mems], dtype=np.int64)
    starts = np.concatenate(([0], np.cumsum(sizes)[:-1]))
    P_act = P[act]
    w_act = width[act]
    rank = np.searchsorted(bases, P_act, side="right") - 1
    inside = rank >= 0
    rank[~inside] = 0
    offs = (P_act - bases[rank]).astype(np.int64)
    if not np.all(inside & (offs >= 0) & (offs <= sizes[rank] - w_act)):
        return None
    at = offs + starts[rank]
    # no two fields overlap (else the zero check would depend on the order of writes)
    key = np.sort((at << 4) | w_act)
    if np.any(key[1:] >> 4 < (key[:-1] >> 4) + (key[:-1] & 15)):
        return None
    val = values[sym] + r_addend.astype(np.int64).view(np.uint64)
    pcrel = (rtype == _INT[R_X86_64_PC32]) | (rtype == _INT[R_X86_64_PLT32]) | (rtype == _INT[R_X86_64_PC64])
    out = np.where(pcrel, val - P, val)
    flat = bytearray(b"".join(mems))
    is8 = w_act == 8
    groups = [(_field_view(flat, w), act[mask], at[mask]) for w, mask in ((4, ~is8), (8, is8))]
    nonzero = np.zeros(n, dtype=bool)
    for view, sel, where in groups:
        nonzero[sel] = view[where] != 0
    over32 = (rtype == _INT[R_X86_64_32]) & ((val >> np.uint64(32)) != 0)
    over32s = (rtype == _INT[R_X86_64_32S]) & (((val + np.uint64(0x80000000)) >> np.uint64(32)) != 0)
    bad = ~known | nonzero | over32 | over32s
    stop = int(np.argmax(bad)) if bad.any() else n
    for view, sel, where in groups:
        if stop < n:
            keep = sel < stop
            sel, where = sel[keep], where[keep]
        view[where] = out[sel].astype(view.dtype)
    for mem, begin in zip(mems, starts.tolist()):
        mem[:] = flat[begin:begin + len(mem)]
    return stop
