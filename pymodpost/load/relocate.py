"""apply_relocations() and the post-relocation steps that change section bytes before
module_finalize (6.1): relocation sections in header order through the architecture's driver,
then sort_extable on ``__ex_table``.
"""

from __future__ import annotations

from pymodpost.arch.common import RelocRecord
from pymodpost.errors import KernelError
from pymodpost.load.checks import ModuleCtx, find_sec
from pymodpost.load.image import RELA_DTYPE, SHF_ALLOC, SHF_RELA_LIVEPATCH, SHT_REL, SHT_RELA
from pymodpost.load.result import RelocSection
from pymodpost.load.symbols import SymbolTable

U64 = (1 << 64) - 1


class ModuleMemory:
    """The core and init allocations, addressed by run-time address."""

    __slots__ = ("regions",)

    def __init__(self, regions: list[tuple[int, bytearray]]):
        self.regions = [(base, mem) for base, mem in regions if len(mem)]

    def locate(self, addr: int, width: int) -> tuple[bytearray, int]:
        for base, mem in self.regions:
            off = addr - base
            if 0 <= off and off + width <= len(mem):
                return mem, off
        raise KernelError(
            f"BUG: unable to handle page fault for address: {addr & U64:016x} (relocation outside module memory)",
            None,
            crash=True,
        )


def _relocation_sections(ctx: ModuleCtx):
    """(relocation section, target section) pairs apply_relocations() processes, in order;
    REL and livepatch sections raise when reached, as the kernel fails there."""
    info = ctx.info
    shnum = len(info.sechdrs)
    for sh in info.sechdrs[1:]:
        if sh.sh_info >= shnum:
            continue
        target = info.sechdrs[sh.sh_info]
        if not target.sh_flags & SHF_ALLOC:
            continue
        if sh.sh_flags & SHF_RELA_LIVEPATCH:
            yield sh, target, "livepatch"
        elif sh.sh_type == SHT_REL:
            yield sh, target, "rel"
        elif sh.sh_type == SHT_RELA:
            yield sh, target, "rela"


def _refuse_kind(ctx: ModuleCtx, kind: str) -> None:
    if kind == "livepatch":
        raise KernelError(f"{ctx.mod_name}: livepatch relocation sections are not simulated", None, crash=True)
    raise KernelError(f"module {ctx.mod_name}: REL relocation unsupported", "ENOEXEC")


def apply_relocations(ctx: ModuleCtx, memory: ModuleMemory, symbols: SymbolTable, env,
                      records: list[RelocSection] | None) -> None:
    info = ctx.info
    profile = ctx.state.profile
    arch = profile.arch.relocations(profile.dialect.loader.reloc_tables)
    work = list(_relocation_sections(ctx))
    if records is None and getattr(arch, "apply_relocate_add_bulk", None) and _apply_bulk(ctx, arch, memory, symbols, env, work):
        return
    for sh, target, kind in work:
        if kind != "rela":
            _refuse_kind(ctx, kind)
        relas = info.relas(sh).tolist()
        applied: list[RelocRecord] | None = [] if records is not None else None
        try:
            arch.apply_relocate_add(memory, target.sh_addr, relas, symbols, env, applied, relsec=sh.index)
        finally:
            _log_printed(ctx, env)
            if records is not None:
                records.append(RelocSection(sh.index, sh.name, target.index, tuple(applied)))


def _log_printed(ctx: ModuleCtx, env) -> None:
    """Lines a handler printed without refusing (riscv64 6.7+: accumulation range errors, pr_err)."""
    for line in env.log:
        ctx.log.err(line)
    env.log.clear()


def _apply_bulk(ctx: ModuleCtx, arch, memory: ModuleMemory, symbols: SymbolTable, env, work) -> bool:
    """All RELA sections up to the first REL/livepatch one in one vectorised pass; False = not possible."""
    import numpy as np

    info = ctx.info
    parts, owners = [], []
    for pos, (sh, target, kind) in enumerate(work):
        if kind != "rela":
            break
        parts.append((sh, target.sh_addr))
        owners.append((pos, sh.sh_size // RELA_DTYPE.itemsize))
    if not parts:
        if work:
            _refuse_kind(ctx, work[0][2])
        return True
    counts = [count for _, count in owners]
    first = parts[0][0]
    if all(a.sh_offset + a.sh_size == b.sh_offset for (a, _), (b, _) in zip(parts, parts[1:])) \
            and all(sh.sh_size % RELA_DTYPE.itemsize == 0 for sh, _ in parts):
        # the sections follow one another in the file (as ld writes them): one view of all
        entries = np.frombuffer(info.data, RELA_DTYPE, sum(counts), first.sh_offset)
    else:
        entries = np.concatenate([info.relas(sh) for sh, _ in parts])
    P = entries["r_offset"] + np.repeat(np.array([t for _, t in parts], dtype=np.uint64), counts)
    r_info = entries["r_info"]
    r_addend = entries["r_addend"]
    stop = arch.apply_relocate_add_bulk(memory, P, r_info, r_addend, symbols)
    if stop is None:
        return False
    if stop < len(P):
        # replay the refused entry through the per-entry driver: it raises the kernel's error
        for pos, count in owners:
            if stop < count:
                sh, target, _ = work[pos]
                r = info.relas(sh)[stop]
                arch.apply_relocate_add(memory, target.sh_addr, [(int(r["r_offset"]), int(r["r_info"]),
                                                                  int(r["r_addend"]))], symbols, env,
                                        relsec=sh.index, first_index=stop)
                raise AssertionError("the replayed entry must raise")  # pragma: no cover
            stop -= count
    if len(parts) < len(work):
        _refuse_kind(ctx, work[len(parts)][2])
    return True


def sort_extable(ctx: ModuleCtx, memory: ModuleMemory) -> int:
    """Sort ``__ex_table`` by instruction address, rewriting its relative fields (lib/extable.c).

    Entries are 12 bytes on both architectures: x86 ``{s32 insn, s32 fixup, s32 data}`` and riscv
    ``{s32 insn, s32 fixup, s16 type, s16 data}``; insn and fixup are relative to their own
    address, the rest moves unchanged.  Instruction addresses are distinct in practice, so the
    order does not depend on the kernel's heapsort.
    """
    ndx = find_sec(ctx.info, "__ex_table")
    if not ndx:
        return 0
    sh = ctx.info.sechdrs[ndx]
    count = sh.sh_size // 12
    if count < 2:
        return count
    mem, off = memory.locate(sh.sh_addr, count * 12)
    base = sh.sh_addr
    entries = []
    for i in range(count):
        at = off + 12 * i
        addr = base + 12 * i
        insn = int.from_bytes(mem[at:at + 4], "little", signed=True) + addr
        fixup = int.from_bytes(mem[at + 4:at + 8], "little", signed=True) + addr + 4
        entries.append((insn & U64, fixup, bytes(mem[at + 8:at + 12])))
    entries.sort(key=lambda e: e[0])
    for i, (insn, fixup, rest) in enumerate(entries):
        at = off + 12 * i
        addr = base + 12 * i
        mem[at:at + 4] = ((insn - addr) & 0xFFFFFFFF).to_bytes(4, "little")
        mem[at + 4:at + 8] = ((fixup - addr - 4) & 0xFFFFFFFF).to_bytes(4, "little")
        mem[at + 8:at + 12] = rest
    return count
