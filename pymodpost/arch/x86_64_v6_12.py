"""x86_64 relocations as Linux 6.12's ``__write_relocate_add`` (arch/x86/kernel/module.c) applies them.

The handled types are 6.1's (NONE, 64, 32, 32S, PC32, PLT32, PC64) and the values the same; what
changed (with the livepatch rework that split the loop into ``__write_relocate_add``, between 6.2
and 6.5) is the order of the checks and one message:

* R_X86_64_32 and 32S are range-checked *before* anything else: an overflowing value is refused
  without being written, and wins over a non-zero field (6.1 reports the field, or writes first);
* the non-zero field is reported as "Invalid relocation target" (6.1: "Skipping invalid ...");
* R_X86_64_NONE is a ``continue`` of the loop (6.1: a case that writes nothing; same bytes).

PC32/PLT32 still have no range check.  The file's ``pr_fmt`` is ``KBUILD_MODNAME ": "`` with
KBUILD_MODNAME ``module``, as in 6.1.  7.3 rewords both messages
(:mod:`pymodpost.arch.x86_64_v7_3`) and builds its table with :func:`build_table` from here.
"""

from __future__ import annotations

from typing import Callable

from pymodpost.arch.common import U32, U64, RelocTable, check_field, row, signed, truncates_unchecked
from pymodpost.arch.x86_64 import (  # noqa: F401  (the env, frob and bulk path are 6.1's: part of the API)
    DEFAULT_ENV,
    PR_FMT,
    R_X86_64_32,
    R_X86_64_32S,
    R_X86_64_64,
    R_X86_64_NONE,
    R_X86_64_PC32,
    R_X86_64_PC64,
    R_X86_64_PLT32,
    X86Env,
    apply_relocate_add_bulk,
    make_driver,
    module_frob_arch_sections,
)
from pymodpost.errors import KernelError, format_pointer

#: (rtype, P, val, env) -> the refusal of a field that is not zero
NonzeroMessage = Callable[[int, int, int, X86Env], KernelError]
#: (rtype, val, env) -> the refusal of a value that does not fit R_X86_64_32/32S
OverflowMessage = Callable[[int, int, X86Env], KernelError]


def nonzero_target(rtype: int, P: int, val: int, env: X86Env) -> KernelError:
    """``x86/modules: Invalid relocation target, existing value is nonzero for type %d, loc %p, val %Lx``."""
    return KernelError(
        f"{PR_FMT}x86/modules: Invalid relocation target, existing value is nonzero "
        f"for type {rtype}, loc {format_pointer(P)}, val {val & U64:x}",
        "ENOEXEC",
    )


def overflow(rtype: int, val: int, env: X86Env) -> KernelError:
    """``overflow in relocation type %d val %Lx`` and the -mcmodel=kernel hint, as in 6.1."""
    return KernelError(
        (
            f"{PR_FMT}overflow in relocation type {rtype} val {val & U64:x}",
            f"{PR_FMT}`{env.module}' likely not compiled with -mcmodel=kernel",
        ),
        "ENOEXEC",
    )


def build_table(nonzero: NonzeroMessage, too_big: OverflowMessage) -> RelocTable:
    """The handler table of ``__write_relocate_add`` with the given wording of its two refusals.

    Each handler computes ``val``, range-checks 32/32S, then requires the ``size`` bytes at the
    place to be zero and writes ``val``'s low ``size`` bytes.
    """

    def store(rtype: int, size: int, mem: bytearray, off: int, val: int, P: int, env: X86Env) -> None:
        check_field(mem, off, size)
        if any(mem[off:off + size]):
            raise nonzero(rtype, P, val, env)
        mem[off:off + size] = (val & U64).to_bytes(8, "little")[:size]

    def r_x86_64_none(mem, off, S, A, P, env=DEFAULT_ENV):
        """R_X86_64_NONE: the loop continues; nothing is written."""

    def r_x86_64_64(mem, off, S, A, P, env=DEFAULT_ENV):
        """R_X86_64_64: the 8-byte absolute address S + A."""
        store(R_X86_64_64, 8, mem, off, S + A, P, env)

    def r_x86_64_32(mem, off, S, A, P, env=DEFAULT_ENV):
        """R_X86_64_32: S + A must zero-extend from 32 bits, checked before the field."""
        val = (S + A) & U64
        if val != val & U32:
            raise too_big(R_X86_64_32, val, env)
        store(R_X86_64_32, 4, mem, off, val, P, env)

    def r_x86_64_32s(mem, off, S, A, P, env=DEFAULT_ENV):
        """R_X86_64_32S: S + A must sign-extend from 32 bits, checked before the field."""
        val = (S + A) & U64
        if signed(val, 64) != signed(val, 32):
            raise too_big(R_X86_64_32S, val, env)
        store(R_X86_64_32S, 4, mem, off, val, P, env)

    def r_x86_64_pc32(mem, off, S, A, P, env=DEFAULT_ENV):
        """R_X86_64_PC32: S + A - P in 4 bytes, no range check."""
        store(R_X86_64_PC32, 4, mem, off, S + A - P, P, env)

    def r_x86_64_plt32(mem, off, S, A, P, env=DEFAULT_ENV):
        """R_X86_64_PLT32: as PC32 (modules have no PLT)."""
        store(R_X86_64_PLT32, 4, mem, off, S + A - P, P, env)

    def r_x86_64_pc64(mem, off, S, A, P, env=DEFAULT_ENV):
        """R_X86_64_PC64: S + A - P in 8 bytes."""
        store(R_X86_64_PC64, 8, mem, off, S + A - P, P, env)

    zero = "the field must be zero before"
    return RelocTable(
        [
            row(R_X86_64_NONE, r_x86_64_none, 0, "nothing written (the loop continues)"),
            row(R_X86_64_64, r_x86_64_64, 8, f"S + A (8 bytes; {zero})"),
            row(R_X86_64_PC32, r_x86_64_pc32, 4, f"S + A - P (4 bytes, no range check: truncated when out of "
                f"s32 range; {zero})", truncates_unchecked(32, pc_relative=True)),
            row(R_X86_64_PLT32, r_x86_64_plt32, 4, "S + A - P, as PC32 (modules have no PLT)",
                truncates_unchecked(32, pc_relative=True)),
            row(R_X86_64_32, r_x86_64_32, 4, f"S + A (4 bytes; refused, unwritten, unless it zero-extends "
                f"from 32 bits, checked before the field; then {zero})"),
            row(R_X86_64_32S, r_x86_64_32s, 4, f"S + A (4 bytes; refused, unwritten, unless it sign-extends "
                f"from 32 bits, checked before the field; then {zero})"),
            row(R_X86_64_PC64, r_x86_64_pc64, 8, f"S + A - P (8 bytes; {zero})"),
        ],
        _refuse,
    )


def _refuse(rtype: int, env: X86Env) -> None:
    raise KernelError(f"{PR_FMT}{env.module}: Unknown rela relocation: {rtype}", "ENOEXEC")


HANDLERS = build_table(nonzero_target, overflow)

apply_relocate_add = make_driver(HANDLERS)
