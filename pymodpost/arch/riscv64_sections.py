"""riscv64 module GOT and PLT (arch/riscv/kernel/module-sections.c and asm/module.h, Linux 6.1 on).

The module linker script leaves three one-byte placeholders, ``.plt``, ``.got`` and ``.got.plt``.
:func:`frob_arch_sections` (the kernel's ``module_frob_arch_sections``) sizes them from the
relocations before layout; during relocation :class:`ModuleSections` hands out entries in the
order relocations are processed, reusing an entry that already holds the same value.

What changed between kernels is data, an :class:`EntryCounting` that each generation's relocation
module names: which types reserve a PLT entry (R_RISCV_PLT32 too from 6.7), whether identical
relocations are merged per section or across all of them (7.3 sorts one copy of them all), and the
line of module-sections.c each BUG_ON sits on (the oops names it).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterable, Protocol

from pymodpost.arch.common import U32, U64, get_u64, put_u64
from pymodpost.errors import KernelError

from pymodpost.elf.constants import SHF_ALLOC, SHF_EXECINSTR, SHT_NOBITS, SHT_RELA, RRiscv

R_RISCV_CALL_PLT = RRiscv.R_RISCV_CALL_PLT
R_RISCV_GOT_HI20 = RRiscv.R_RISCV_GOT_HI20
R_RISCV_PLT32 = RRiscv.R_RISCV_PLT32

L1_CACHE_BYTES = 64
GOT_ENTRY_SIZE = 8
PLT_ENTRY_SIZE = 12

# the three instructions of a PLT entry: auipc t0, %hi; ld t1, %lo(t0); jr t1
_AUIPC_T0 = 0x17 | (5 << 7)
_LD_T1_T0 = 0x3003 | (5 << 15) | (6 << 7)
_JR_T1 = 0x67 | (6 << 15)


class MutableShdr(Protocol):
    name: str
    sh_type: int
    sh_flags: int
    sh_info: int
    sh_size: int
    sh_addralign: int


@dataclass(frozen=True, slots=True)
class GotPltCounts:
    """The outcome of frobbing: which headers were rewritten and how many entries each may hold."""

    plt_index: int
    got_index: int
    got_plt_index: int
    max_plts: int
    max_gots: int


@dataclass(frozen=True, slots=True)
class EntryCounting:
    """How one kernel's module-sections.c reserves GOT/PLT entries and where its BUG_ONs sit."""

    #: relocation types that reserve a PLT entry (a GOT entry: R_RISCV_GOT_HI20 in every kernel)
    plt_types: tuple[int, ...]
    #: identical (r_info, r_addend) relocations are merged across all executable sections (7.3
    #: sorts one scratch copy of them all) rather than within each section (6.1, 6.12)
    across_sections: bool
    #: module-sections.c lines of BUG_ON(got num_entries > max) and BUG_ON(plt num_entries > max)
    bug_lines: tuple[int, int]


#: Linux 6.1: CALL_PLT reserves PLT entries; duplicates merged per section
COUNTING_6_1 = EntryCounting((R_RISCV_CALL_PLT,), False, (27, 53))


def _count_unique(entries: list[tuple[int, int]], wanted: tuple[int, ...]) -> int:
    """Entries of a type in ``wanted`` with no identical (r_info, r_addend) among those counted before."""
    seen: set[tuple[int, int]] = set()
    count = 0
    for info, addend in entries:
        if info & U32 not in wanted:
            continue
        if (info, addend) not in seen:
            seen.add((info, addend))
            count += 1
    return count


def count_entries(entries: list[tuple[int, int]], plt_types: tuple[int, ...] = COUNTING_6_1.plt_types
                  ) -> tuple[int, int]:
    """(PLT, GOT) entries a list of relocations reserves (``count_max_entries``), from its
    (r_info, r_addend) pairs: identical ones count once."""
    return _count_unique(entries, plt_types), _count_unique(entries, (R_RISCV_GOT_HI20,))


def frob_arch_sections(
    module: str,
    shdrs: list[MutableShdr],
    relas_of: Callable[[int], Iterable[tuple[int, int]]],
    counting: EntryCounting = COUNTING_6_1,
) -> GotPltCounts:
    """Find and size ``.plt``, ``.got`` and ``.got.plt``; ``relas_of(i)`` gives (r_info, r_addend) pairs.

    The last section of each name wins (the kernel overwrites its pointer while scanning).  Only
    relocation sections whose target is executable are counted; unless ``counting`` merges across
    sections, each on its own, so a call to the same function from two sections counts twice.
    """
    found: dict[str, int] = {}
    for i, sh in enumerate(shdrs):
        if sh.name in (".plt", ".got", ".got.plt"):
            found[sh.name] = i
    for name, label in ((".plt", "PLT"), (".got", "GOT"), (".got.plt", "GOT.PLT")):
        if name not in found:
            raise KernelError(f"{module}: module {label} section(s) missing", "ENOEXEC")
    plts = gots = 0
    gathered: list[tuple[int, int]] = []  # 7.3's scratch copy of every executable section's entries
    for i, sh in enumerate(shdrs):
        if sh.sh_type != SHT_RELA:
            continue
        # sh_info is not range-checked here; an index past the table reads garbage, we stop
        if sh.sh_info >= len(shdrs) or not shdrs[sh.sh_info].sh_flags & SHF_EXECINSTR:
            continue
        if counting.across_sections:
            gathered += relas_of(i)
            continue
        section_plts, section_gots = count_entries(list(relas_of(i)), counting.plt_types)
        plts += section_plts
        gots += section_gots
    if counting.across_sections:
        plts, gots = count_entries(gathered, counting.plt_types)
    for name, flags, size in (
        (".plt", SHF_EXECINSTR | SHF_ALLOC, (plts + 1) * PLT_ENTRY_SIZE),
        (".got", SHF_ALLOC, (gots + 1) * GOT_ENTRY_SIZE),
        (".got.plt", SHF_ALLOC, (plts + 1) * GOT_ENTRY_SIZE),
    ):
        sh = shdrs[found[name]]
        sh.sh_type = SHT_NOBITS
        sh.sh_flags = flags
        sh.sh_addralign = L1_CACHE_BYTES
        sh.sh_size = size
    return GotPltCounts(found[".plt"], found[".got"], found[".got.plt"], plts, gots)


def plt_entry_bytes(plt_addr: int, got_plt_addr: int) -> bytes:
    """The 12 bytes of a PLT entry at ``plt_addr`` jumping through the slot at ``got_plt_addr``."""
    distance = (got_plt_addr - plt_addr) & U64
    hi20 = (distance + 0x800) & 0xFFFFF000
    lo12 = (distance - hi20) & U32
    words = (_AUIPC_T0 | hi20, _LD_T1_T0 | ((lo12 << 20) & U32), _JR_T1)
    return b"".join(w.to_bytes(4, "little") for w in words)


@dataclass(slots=True)
class EntryArea:
    """One of the three sections once placed: where its bytes live and how full it is."""

    mem: bytearray
    off: int  #: offset of the section in ``mem``
    addr: int  #: run-time address of the section
    max_entries: int
    num_entries: int = 0

    def slot_value(self, i: int) -> int:
        return get_u64(self.mem, self.off + GOT_ENTRY_SIZE * i)


@dataclass(slots=True)
class ModuleSections:
    """``mod->arch`` of a riscv module: the GOT, the PLT and the PLT's GOT."""

    got: EntryArea
    plt: EntryArea
    got_plt: EntryArea
    #: (kind, index, value) of every entry created, in creation order
    emitted: list[tuple[str, int, int]] = field(default_factory=list)
    #: the module-sections.c lines of the GOT and PLT BUG_ONs (EntryCounting.bug_lines)
    bug_lines: tuple[int, int] = COUNTING_6_1.bug_lines

    def emit_got_entry(self, val: int) -> int:
        got = self.got
        for i in range(got.num_entries):
            if got.slot_value(i) == val:
                return got.addr + GOT_ENTRY_SIZE * i
        i = got.num_entries
        put_u64(got.mem, got.off + GOT_ENTRY_SIZE * i, val)
        got.num_entries += 1
        self.emitted.append(("got", i, val))
        if got.num_entries > got.max_entries:
            raise _bug(self.bug_lines[0])
        return got.addr + GOT_ENTRY_SIZE * i

    def emit_plt_entry(self, val: int) -> int:
        for i in range(self.got_plt.num_entries):
            if self.got_plt.slot_value(i) == val:
                return self.plt.addr + PLT_ENTRY_SIZE * i
        i = self.plt.num_entries
        slot_addr = self.got_plt.addr + GOT_ENTRY_SIZE * i
        entry_addr = self.plt.addr + PLT_ENTRY_SIZE * i
        put_u64(self.got_plt.mem, self.got_plt.off + GOT_ENTRY_SIZE * i, val)
        self.plt.mem[self.plt.off + PLT_ENTRY_SIZE * i:self.plt.off + PLT_ENTRY_SIZE * (i + 1)] = plt_entry_bytes(
            entry_addr, slot_addr
        )
        self.plt.num_entries += 1
        self.got_plt.num_entries += 1
        self.emitted.append(("plt", i, val))
        if self.plt.num_entries > self.plt.max_entries:
            raise _bug(self.bug_lines[1])
        return entry_addr


def _bug(line: int) -> KernelError:
    # BUG_ON: the kernel oopses inside init_module; insmod never gets an errno back
    return KernelError(f"kernel BUG at arch/riscv/kernel/module-sections.c:{line}!", None, crash=True)



def _align(addr: int, alignment: int = L1_CACHE_BYTES) -> int:
    return (addr + alignment - 1) // alignment * alignment


def place_sections(after: int, max_plts: int, max_gots: int, *, plt_addr: int | None = None,
                   got_addr: int | None = None, bug_lines: tuple[int, int] = COUNTING_6_1.bug_lines
                   ) -> ModuleSections:
    """A GOT/PLT of its own memory for relocations applied outside a laid-out module.

    Sized as ``module_frob_arch_sections`` sizes them (one spare entry each) and, unless given,
    placed as a module's would roughly be: ``.plt``, then ``.got.plt``, then ``.got``, each at the
    next L1_CACHE_BYTES boundary from ``after`` on.
    """
    plt = _align(after) if plt_addr is None else plt_addr
    got_plt = _align(plt + (max_plts + 1) * PLT_ENTRY_SIZE)
    got = _align(got_plt + (max_plts + 1) * GOT_ENTRY_SIZE) if got_addr is None else got_addr
    return ModuleSections(
        got=EntryArea(bytearray((max_gots + 1) * GOT_ENTRY_SIZE), 0, got & U64, max_gots),
        plt=EntryArea(bytearray((max_plts + 1) * PLT_ENTRY_SIZE), 0, plt & U64, max_plts),
        got_plt=EntryArea(bytearray((max_plts + 1) * GOT_ENTRY_SIZE), 0, got_plt & U64, max_plts),
        bug_lines=bug_lines,
    )


def sections_for_one_pair(auipc: int, *, plt_addr: int | None = None, got_addr: int | None = None,
                          bug_lines: tuple[int, int] = COUNTING_6_1.bug_lines) -> ModuleSections:
    """The GOT/PLT for one relocation (or one auipc pair) applied on its own: room for the one
    entry it can make, placed after the auipc + second instruction unless addresses are given."""
    return place_sections((auipc + 8) & U64, 1, 1, plt_addr=plt_addr, got_addr=got_addr, bug_lines=bug_lines)
