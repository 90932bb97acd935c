"""What the per-architecture relocation modules share: little-endian field access and the table type.

A relocation handler is a plain function ``handler(mem, off, S, A, P, env)`` that patches the
bytearray ``mem`` at ``off`` (the bytes that sit at run-time address ``P``) the way the kernel's
``apply_relocate_add`` does for one relocation type, or raises
:class:`pymodpost.errors.KernelError` with the kernel's message and errno.  ``env`` carries
what the kernel reads besides S, A and P: the module's name for messages and, on riscv, the GOT/PLT
state.  Each architecture module collects its handlers in a :class:`RelocTable` keyed by ``R_*``
number, like the kernel's ``reloc_handlers[]``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Protocol

U16 = 0xFFFF
U32 = 0xFFFFFFFF
U64 = 0xFFFFFFFFFFFFFFFF


def check_field(mem: bytearray, off: int, width: int) -> None:
    """A field must lie inside the buffer: a slice assignment past the end would silently grow it.

    Raised as ValueError because it is the caller's mistake (the loader only hands handlers fields
    inside module memory), not something the kernel would report.
    """
    if off < 0 or off + width > len(mem):
        raise ValueError(f"the relocation field at offset {off} ({width} bytes) does not fit in the "
                         f"{len(mem)} bytes given")


def get_u16(mem: bytearray, off: int) -> int:
    check_field(mem, off, 2)
    return int.from_bytes(mem[off:off + 2], "little")


def get_u32(mem: bytearray, off: int) -> int:
    check_field(mem, off, 4)
    return int.from_bytes(mem[off:off + 4], "little")


def get_u64(mem: bytearray, off: int) -> int:
    check_field(mem, off, 8)
    return int.from_bytes(mem[off:off + 8], "little")


def put_u16(mem: bytearray, off: int, value: int) -> None:
    check_field(mem, off, 2)
    mem[off:off + 2] = (value & U16).to_bytes(2, "little")


def put_u32(mem: bytearray, off: int, value: int) -> None:
    check_field(mem, off, 4)
    mem[off:off + 4] = (value & U32).to_bytes(4, "little")


def put_u64(mem: bytearray, off: int, value: int) -> None:
    check_field(mem, off, 8)
    mem[off:off + 8] = (value & U64).to_bytes(8, "little")


def signed(value: int, bits: int) -> int:
    """Reinterpret the low ``bits`` of ``value`` as a two's-complement number (a C cast to sN)."""
    value &= (1 << bits) - 1
    return value - (1 << bits) if value >> (bits - 1) else value


def fits_signed(value: int, bits: int) -> bool:
    return -(1 << (bits - 1)) <= value < (1 << (bits - 1))


def truncates_unchecked(bits: int, *, pc_relative: bool) -> Callable[[int, int, int], bool]:
    """For a handler without a range check: does the value (S + A, minus P when pc-relative, as the
    kernel's signed 64-bit arithmetic sees it) need more than the ``bits`` signed bits its field
    keeps?  Then the kernel writes it truncated, where GNU ld reports "truncated to fit"."""
    if pc_relative:
        return lambda S, A, P: not fits_signed(signed(S + A - P, 64), bits)
    return lambda S, A, P: not fits_signed(signed(S + A, 64), bits)


class Handler(Protocol):
    def __call__(self, mem: bytearray, off: int, S: int, A: int, P: int, env, /) -> None: ...


@dataclass(frozen=True, slots=True)
class RelocHandler:
    """One row of an architecture's handler table."""

    number: int
    name: str  #: e.g. "R_X86_64_PC32"
    apply: Callable[..., None]
    #: how many bytes at P the handler reads or writes (for before/after records)
    width: int
    #: what the handler computes and writes, in the psABI's S, A, P notation, with its checks
    formula: str = ""
    #: (S, A, P) -> True when the kernel writes the value truncated without a word (no range check)
    truncates: Callable[[int, int, int], bool] | None = None
    #: the driver queues it per place and stores the sum after the section (riscv64 from 6.7);
    #: ``apply`` then shows it alone at its place
    accumulated: bool = False


def row(member, apply: Callable[..., None], width: int, formula: str,
        truncates: Callable[[int, int, int], bool] | None = None, *, accumulated: bool = False) -> RelocHandler:
    """A table row for an ``R_*`` enum member of pymodpost.elf.constants (its name is the member's)."""
    return RelocHandler(int(member), member.name, apply, width, formula, truncates, accumulated)


class RelocTable:
    """Handlers keyed by relocation number; :meth:`lookup` refuses the others as the kernel does."""

    def __init__(self, rows: list[RelocHandler], refuse: Callable[[int, object], None]):
        self.rows: dict[int, RelocHandler] = {row.number: row for row in rows}
        self._refuse = refuse

    def __contains__(self, number: int) -> bool:
        return number in self.rows

    def __iter__(self):
        return iter(self.rows.values())

    def lookup(self, number: int, env) -> RelocHandler:
        row = self.rows.get(number)
        if row is None:
            self._refuse(number, env)
            raise AssertionError("refuse() must raise")  # pragma: no cover
        return row


class AddressSpace(Protocol):
    """Module memory as the relocation drivers see it: a run-time address maps to bytes."""

    def locate(self, addr: int, width: int) -> tuple[bytearray, int]: ...


class SymbolView(Protocol):
    """The module's symbol table after simplify_symbols: final values, binding, names."""

    values: list[int]

    def is_weak(self, index: int) -> bool: ...

    def name(self, index: int) -> str: ...


@dataclass(frozen=True, slots=True)
class RelocRecord:
    """One applied relocation, for walkthroughs: the inputs and the bytes at P before and after."""

    index: int  #: position in its relocation section
    type: int
    name: str
    symbol: int  #: symbol table index
    S: int
    A: int
    P: int
    before: bytes
    after: bytes


def symbol_value(symbols: SymbolView, index: int, module: str) -> int:
    """The symbol's value, or a crash report when the index runs past the table (the kernel reads on)."""
    if index >= len(symbols.values):
        from pymodpost.errors import KernelError

        raise KernelError(
            f"{module}: relocation names symbol {index} past the end of the symbol table "
            f"({len(symbols.values)} entries); the kernel would read whatever memory follows",
            None,
            crash=True,
        )
    return symbols.values[index]


def rela_entries(target_addr: int, relas, symbols: SymbolView, module: str):
    """(index, P, symbol index, type, S, A) per entry of a RELA section, in order."""
    for i, (r_offset, r_info, r_addend) in enumerate(relas):
        sym = r_info >> 32
        yield i, (target_addr + r_offset) & U64, sym, r_info & U32, symbol_value(symbols, sym, module), \
            signed(r_addend, 64)


def apply_entry(space: AddressSpace, row: RelocHandler, index: int, sym: int, S: int, A: int, P: int, env,
                records: list[RelocRecord] | None, **extra) -> None:
    """Run one handler on the bytes at P, keeping a before/after record when asked."""
    mem, off = space.locate(P, row.width) if row.width else (bytearray(), 0)
    before = bytes(mem[off:off + row.width]) if records is not None else b""
    row.apply(mem, off, S, A, P, env, **extra)
    if records is not None:
        records.append(RelocRecord(index, row.number, row.name, sym, S, A, P, before, bytes(mem[off:off + row.width])))
