"""riscv64 relocations as Linux 6.7 to 6.12's ``apply_relocate_add`` (arch/riscv/kernel/module.c) applies them.

Checked against 6.12.118; 7.3.4's module.c differs only in allocation helpers (``kmalloc_obj``),
while its module-sections.c changed (:mod:`pymodpost.arch.riscv64_v7_3`).  What 6.7 changed
against 6.1 (:mod:`pymodpost.arch.riscv64`):

* Instruction fields are read and written as two little-endian 16-bit parcels
  (``riscv_insn_rmw``) so that an instruction at a 2-byte boundary is not an unaligned access.
  The bytes come out as 6.1's 32-bit read-modify-write gave them, so those handlers are 6.1's.
* New handlers: ADD8/16, SUB8/16, SUB6, SET6/8/16/32, 32_PCREL (57), PLT32 (59, through a PLT
  entry when out of auipc reach) and SET_ULEB128/SUB_ULEB128 (60/61).  Dynamic-linking types
  (RELATIVE, COPY, JUMP_SLOT, TLS_DTPMOD/DTPREL/TPREL 32/64, IRELATIVE) and the TLS code types
  (TLS_GOT_HI20, TLS_GD_HI20, TPREL_HI20/LO12_I/LO12_S/ADD) get a handler that refuses them by
  name; every other type (NONE included) stays "Unknown relocation type".
* **Accumulation.**  ADD*, SUB*, SET* and *_ULEB128 are not applied where they are met: each is
  queued under its place in a hash table and, after the loop over the section, every place's
  queue is run on a ``long`` buffer that starts at 0 (the field's bytes are never read, except the
  top two bits a 6-bit store keeps), each queued handler with its own width, and the *last*
  relocation's store writes the buffer with its width and range check.  A range error is printed
  and the field left as it was; the load goes on.  A ULEB128 store writes the minimal encoding
  and nothing for 0; a negative buffer never reaches 0 in its ``while (buffer != 0)`` loop.
* The PCREL_LO12 partner search starts where the previous one hit and wraps around.
* A failing handler returns at once: queued relocations are never applied and the hash table is
  not freed (a leak the kernel does not report).

The hash table matters for the *order* in which places are stored (overlapping fields,
multi-byte ULEB128): buckets in reverse order of first use, places in a bucket in reverse order of
first use.  It also has a real-kernel trap, read from the compiled 6.12 kernel: a section of
exactly one relocation gets a one-bucket table with 0 hash bits, ``hash_64()`` then shifts by 64,
which riscv's ``srl`` takes as a shift by 0, and the bucket index becomes the low 32 bits of
``P * GOLDEN_RATIO_64``: the kernel reads and links into memory far past its table.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from pymodpost.arch.common import (
    U32,
    U64,
    AddressSpace,
    RelocRecord,
    RelocTable,
    SymbolView,
    apply_entry,
    check_field,
    put_u32,
    rela_entries,
    row,
    signed,
)
from pymodpost.arch.riscv64 import (  # noqa: F401  (EM_RISCV, DEFAULT_ENV: part of the API, as in 6.1)
    DEFAULT_ENV,
    EM_RISCV,
    HI20_PARTNER_TYPES,
    PCREL_LO12_TYPES,
    Hi20Partner,
    RiscvEnv,
    _in_auipc_jalr_range,
    _pc_offset,
    _refuse,
    _unreachable,
    frob_with,
    partner_at,
    skips_unresolved,
)
from pymodpost.arch.riscv64 import HANDLERS as HANDLERS_6_1
from pymodpost.arch.riscv64_sections import R_RISCV_CALL_PLT, R_RISCV_PLT32, EntryCounting
from pymodpost.elf.constants import RRiscv
from pymodpost.errors import KernelError, format_pointer

R = RRiscv

#: 6.7's module-sections.c: PLT32 reserves a PLT entry like CALL_PLT; duplicates merged per section
ENTRY_COUNTING = EntryCounting((R_RISCV_CALL_PLT, R_RISCV_PLT32), False, (27, 53))

#: hash_64()'s multiplier (include/linux/hash.h)
GOLDEN_RATIO_64 = 0x61C8864680B583EB


def module_frob_arch_sections(module: str, shdrs, relas_of, *, module_sections: bool = True,
                              cmodel_medlow: bool = False) -> RiscvEnv:
    """Size the GOT/PLT placeholders as 6.7-6.12 count them (PLT32 too) and return the handlers' env."""
    return frob_with(ENTRY_COUNTING, module, shdrs, relas_of, module_sections=module_sections,
                     cmodel_medlow=cmodel_medlow)


# --- the handlers that act on the place at once ---------------------------------------------------


def r_riscv_32_pcrel(mem: bytearray, off: int, S: int, A: int, P: int, env: RiscvEnv = DEFAULT_ENV) -> None:
    """R_RISCV_32_PCREL: S + A - P in 32 bits; no range check."""
    put_u32(mem, off, S + A - P)


def r_riscv_plt32(mem: bytearray, off: int, S: int, A: int, P: int, env: RiscvEnv = DEFAULT_ENV) -> None:
    """R_RISCV_PLT32: S + A - P in 32 bits; out of auipc reach, the distance to a PLT entry."""
    d = _pc_offset(S, A, P)
    if not _in_auipc_jalr_range(d):
        sections = env.sections_near(P)
        if sections is None:
            raise _unreachable(S + A, P, env)
        d = signed(sections.emit_plt_entry((S + A) & U64) - P, 64)
    put_u32(mem, off, d)


def dynamic_linking_not_supported(mem: bytearray, off: int, S: int, A: int, P: int,
                                  env: RiscvEnv = DEFAULT_ENV) -> None:
    """The handler of every dynamic-linking type: refuses by name."""
    raise KernelError(f"{env.module}: Dynamic linking not supported in kernel modules PC = {format_pointer(P)}",
                      "EINVAL")


def tls_not_supported(mem: bytearray, off: int, S: int, A: int, P: int, env: RiscvEnv = DEFAULT_ENV) -> None:
    """The handler of every thread-local-storage code type: refuses by name."""
    raise KernelError(f"{env.module}: Thread local storage not supported in kernel modules PC = {format_pointer(P)}",
                      "EINVAL")


# --- accumulation ---------------------------------------------------------------------------------
# A queued relocation's handler runs on the buffer (a long, kept here as its 64 bits unsigned);
# the last one's store writes the buffer to the place.


def _low(bits: int, op: Callable[[int, int], int]) -> Callable[[int, int], int]:
    """A handler that rewrites only the buffer's low ``bits`` (``*(uN *)&buffer op= (uN)v``)."""
    mask = (1 << bits) - 1
    return lambda buffer, v: (buffer & ~mask & U64) | (op(buffer & mask, v & mask) & mask)


def _add(a: int, b: int) -> int:
    return a + b


def _sub(a: int, b: int) -> int:
    return a - b


def _set(a: int, b: int) -> int:
    return b


def _sub6(low8: int, v: int) -> int:
    return ((low8 - (v & 0x3F)) & 0x3F) & 0xFF  # (*byte - (value & 0x3f)) & 0x3f: the top two bits cleared


def _set6(low8: int, v: int) -> int:
    return (low8 & 0xC0) | (v & 0x3F)


def _range_error(env: RiscvEnv, buffer: int, bits: int) -> None:
    env.log.append(f"{env.module}: value {buffer} out of range for {bits}-bit relocation.")


def _store_bits(bits: int) -> Callable[[AddressSpace, int, int, RiscvEnv], bytes]:
    """``apply_N_bit_accumulation``: the buffer (a signed long) above 2^N - 1 is reported and not
    stored; otherwise its low N bits are.  Returns the bytes as they are after."""
    width = bits // 8

    def store(space: AddressSpace, P: int, buffer: int, env: RiscvEnv) -> bytes:
        value = signed(buffer, 64)
        mem, off = space.locate(P, width)
        if bits < 64 and value > (1 << bits) - 1:
            _range_error(env, value, bits)
        else:
            mem[off:off + width] = (buffer & U64).to_bytes(8, "little")[:width]
        return bytes(mem[off:off + width])

    return store


def _store_6_bits(space: AddressSpace, P: int, buffer: int, env: RiscvEnv) -> bytes:
    """``apply_6_bit_accumulation``: above 0x3f reported and not stored; else the low 6 bits
    under the byte's own top two bits."""
    value = signed(buffer, 64)
    mem, off = space.locate(P, 1)
    if value > 0x3F:
        _range_error(env, value, 6)
    else:
        mem[off] = (mem[off] & 0xC0) | (buffer & 0x3F)
    return bytes(mem[off:off + 1])


def uleb128(value: int) -> bytes:
    """The minimal ULEB128 encoding of a non-negative value (no bytes for 0, as the kernel writes it)."""
    out = bytearray()
    while value:
        byte = value & 0x7F
        value >>= 7
        out.append(byte | (0x80 if value else 0))
    return bytes(out)


def _store_uleb128(space: AddressSpace, P: int, buffer: int, env: RiscvEnv) -> bytes:
    """``apply_uleb128_accumulation``: ``while (buffer != 0)`` with an arithmetic shift."""
    value = signed(buffer, 64)
    if value < 0:
        # seen on 6.12.118 (pm_neg, a SUB_ULEB128 past its SET): "Unable to handle kernel paging
        # request" at the first page after the module's data, then the same oops again and again
        raise KernelError(
            f"{env.module}: the ULEB128 value at {format_pointer(P)} is {value}: apply_uleb128_accumulation's "
            f"loop (while (buffer != 0), buffer >>= 7 on a signed long) never reaches 0; the real kernel loops "
            f"forever writing 0xff bytes from that place on, until a write faults past the module's memory",
            None,
            crash=True,
        )
    encoded = uleb128(value)
    if encoded:
        mem, off = space.locate(P, len(encoded))
        mem[off:off + len(encoded)] = encoded
    return encoded


@dataclass(frozen=True, slots=True)
class Accumulated:
    """What a queued type does: its handler on the buffer and the store it makes when last at a place."""

    on_buffer: Callable[[int, int], int]
    store: Callable[[AddressSpace, int, int, RiscvEnv], bytes]


_STORE_8, _STORE_16, _STORE_32, _STORE_64 = (_store_bits(b) for b in (8, 16, 32, 64))

ACCUMULATED: dict[int, Accumulated] = {
    R.R_RISCV_ADD8: Accumulated(_low(8, _add), _STORE_8),
    R.R_RISCV_ADD16: Accumulated(_low(16, _add), _STORE_16),
    R.R_RISCV_ADD32: Accumulated(_low(32, _add), _STORE_32),
    R.R_RISCV_ADD64: Accumulated(_low(64, _add), _STORE_64),
    R.R_RISCV_SUB8: Accumulated(_low(8, _sub), _STORE_8),
    R.R_RISCV_SUB16: Accumulated(_low(16, _sub), _STORE_16),
    R.R_RISCV_SUB32: Accumulated(_low(32, _sub), _STORE_32),
    R.R_RISCV_SUB64: Accumulated(_low(64, _sub), _STORE_64),
    R.R_RISCV_SUB6: Accumulated(_low(8, _sub6), _store_6_bits),
    R.R_RISCV_SET6: Accumulated(_low(8, _set6), _store_6_bits),
    R.R_RISCV_SET8: Accumulated(_low(8, _set), _STORE_8),
    R.R_RISCV_SET16: Accumulated(_low(16, _set), _STORE_16),
    R.R_RISCV_SET32: Accumulated(_low(32, _set), _STORE_32),
    R.R_RISCV_SET_ULEB128: Accumulated(_low(64, _set), _store_uleb128),
    R.R_RISCV_SUB_ULEB128: Accumulated(_low(64, _sub), _store_uleb128),
}


class _OneField:
    """The address space of a lone relocation: the bytes given, at P."""

    def __init__(self, mem: bytearray, off: int, P: int):
        self.mem, self.off, self.P = mem, off, P

    def locate(self, addr: int, width: int) -> tuple[bytearray, int]:
        off = self.off + addr - self.P
        check_field(self.mem, off, width)
        return self.mem, off


def _alone(rtype: int):
    """The row's apply: the relocation as the only one at its place (a fresh buffer, then its store)."""
    acc = ACCUMULATED[rtype]

    def apply(mem: bytearray, off: int, S: int, A: int, P: int, env: RiscvEnv = DEFAULT_ENV) -> None:
        acc.store(_OneField(mem, off, P), P, acc.on_buffer(0, (S + A) & U64), env)

    apply.__doc__ = f"{R(rtype).name}, alone at its place: queued, then stored from a buffer that starts at 0."
    return apply


def _queued(op: str, store: str) -> str:
    return (f"queued; after the section: {op} on a buffer starting at 0 (the field is not read), "
            f"stored by the place's last relocation: {store}")


def _bits_store(bits: int) -> str:
    return (f"{bits} bits (above {(1 << bits) - 1}: 'value out of range for {bits}-bit relocation.' printed, "
            f"field unchanged, load goes on)")


_STORE_6 = "6 bits under the byte's top two bits (above 63: 'value out of range for 6-bit relocation.' printed, " \
           "field unchanged, load goes on)"
_STORE_ULEB = "minimal ULEB128 bytes, none for 0 (negative: the encoding loop never ends)"
_ACCUMULATED_ROWS = [
    (R.R_RISCV_ADD8, 1, _queued("low 8 bits += S + A", _bits_store(8))),
    (R.R_RISCV_ADD16, 2, _queued("low 16 bits += S + A", _bits_store(16))),
    (R.R_RISCV_ADD32, 4, _queued("low 32 bits += S + A", _bits_store(32))),
    (R.R_RISCV_ADD64, 8, _queued("+= S + A", "64 bits")),
    (R.R_RISCV_SUB8, 1, _queued("low 8 bits -= S + A", _bits_store(8))),
    (R.R_RISCV_SUB16, 2, _queued("low 16 bits -= S + A", _bits_store(16))),
    (R.R_RISCV_SUB32, 4, _queued("low 32 bits -= S + A", _bits_store(32))),
    (R.R_RISCV_SUB64, 8, _queued("-= S + A", "64 bits")),
    (R.R_RISCV_SUB6, 1, _queued("low byte = (low byte - ((S + A) & 0x3f)) & 0x3f", _STORE_6)),
    (R.R_RISCV_SET6, 1, _queued("low byte = (low byte & 0xc0) | ((S + A) & 0x3f)", _STORE_6)),
    (R.R_RISCV_SET8, 1, _queued("low 8 bits = S + A", _bits_store(8))),
    (R.R_RISCV_SET16, 2, _queued("low 16 bits = S + A", _bits_store(16))),
    (R.R_RISCV_SET32, 4, _queued("low 32 bits = S + A", _bits_store(32))),
    (R.R_RISCV_SET_ULEB128, 1, _queued("= S + A", _STORE_ULEB)),
    (R.R_RISCV_SUB_ULEB128, 1, _queued("-= S + A", _STORE_ULEB)),
]

_DYNAMIC = (R.R_RISCV_RELATIVE, R.R_RISCV_COPY, R.R_RISCV_JUMP_SLOT, R.R_RISCV_TLS_DTPMOD32,
            R.R_RISCV_TLS_DTPMOD64, R.R_RISCV_TLS_DTPREL32, R.R_RISCV_TLS_DTPREL64, R.R_RISCV_TLS_TPREL32,
            R.R_RISCV_TLS_TPREL64, R.R_RISCV_IRELATIVE)
_TLS = (R.R_RISCV_TLS_GOT_HI20, R.R_RISCV_TLS_GD_HI20, R.R_RISCV_TPREL_HI20, R.R_RISCV_TPREL_LO12_I,
        R.R_RISCV_TPREL_LO12_S, R.R_RISCV_TPREL_ADD)

#: 6.1's rows whose handlers 6.7 keeps (same bytes through 16-bit parcels); its in-place ADD/SUB go
_KEPT = [r for r in HANDLERS_6_1 if r.number not in ACCUMULATED]

HANDLERS = RelocTable(
    [
        *_KEPT,
        *(row(R(t), _alone(t), width, formula, accumulated=True) for t, width, formula in _ACCUMULATED_ROWS),
        # no range check, as in GNU ld 2.40, which writes the low 32 bits without a report either
        row(R.R_RISCV_32_PCREL, r_riscv_32_pcrel, 4, "S + A - P, low 32 bits (no range check)"),
        row(R.R_RISCV_PLT32, r_riscv_plt32, 4, "S + A - P, 32 bits; out of auipc range: PLT entry - P"),
        *(row(R(t), dynamic_linking_not_supported, 0, "always refused: 'Dynamic linking not supported in "
              "kernel modules'") for t in _DYNAMIC),
        *(row(R(t), tls_not_supported, 0, "always refused: 'Thread local storage not supported in kernel "
              "modules'") for t in _TLS),
    ],
    _refuse,
)


# --- the driver -----------------------------------------------------------------------------------


def hashtable_bits(num_relocations: int) -> int:
    """``initialize_relocation_hashtable``: log2 of roundup_pow_of_two(n), plus one when n * 1.25
    exceeds that size.  (n = 0 cannot reach a hash: nothing is queued.)"""
    size = 1 << max(num_relocations - 1, 0).bit_length()
    bits = size.bit_length() - 1
    return bits + (num_relocations + (num_relocations >> 2) > size)


def bucket_of(P: int, bits: int) -> int:
    """``hash_min(location, bits)`` as the compiled riscv64 kernel computes it: ``hash_64`` shifts
    the product right by 64 - bits with ``srl``, which uses the low 6 bits of the amount, and the
    u32 result is masked; so 0 bits gives the low 32 bits of the product, not 0."""
    return (((P * GOLDEN_RATIO_64) & U64) >> ((64 - bits) & 63)) & U32


@dataclass(slots=True)
class _Queued:
    index: int
    type: int
    sym: int
    S: int
    A: int


class _Accumulator:
    """The hash table of places with queued relocations, in the kernel's iteration order."""

    def __init__(self, num_relocations: int, env: RiscvEnv):
        self.bits = hashtable_bits(num_relocations)
        self.env = env
        self.buckets: dict[int, list[int]] = {}  # bucket -> places, newest first (hlist_add_head)
        self.used: list[int] = []  # buckets, newest first (list_add onto used_buckets_list)
        self.queues: dict[int, list[_Queued]] = {}  # place -> its relocations in entry order

    def add(self, P: int, entry: _Queued) -> None:
        bucket = bucket_of(P, self.bits)
        if bucket >= 1 << self.bits:
            raise KernelError(
                f"{self.env.module}: apply_relocate_add sized its relocation hash table for a one-entry section "
                f"(0 hash bits); hash_64() then shifts by 64, which riscv's srl takes as 0, so the place "
                f"{format_pointer(P)} hashes to bucket {bucket:#x} of a one-bucket table: the real kernel reads "
                f"and links into memory {bucket * 8:#x} bytes past it (an oops, or silent corruption)",
                None,
                crash=True,
            )
        if P not in self.queues:
            places = self.buckets.get(bucket)
            if places is None:
                places = self.buckets[bucket] = []
                self.used.insert(0, bucket)
            places.insert(0, P)
            self.queues[P] = []
        self.queues[P].append(entry)

    def store_all(self, space: AddressSpace, records: list[RelocRecord] | None) -> None:
        """``process_accumulated_relocations``: every place, each from a buffer of 0."""
        for bucket in self.used:
            for P in self.buckets[bucket]:
                queue = self.queues[P]
                buffer = 0
                for q in queue:
                    buffer = ACCUMULATED[q.type].on_buffer(buffer, (q.S + q.A) & U64)
                last = ACCUMULATED[queue[-1].type]
                if records is None:
                    last.store(space, P, buffer, self.env)
                    continue
                width = HANDLERS.rows[queue[-1].type].width
                mem, off = space.locate(P, width)
                before = bytes(mem[off:off + width])
                after = last.store(space, P, buffer, self.env)
                for q in queue:
                    records.append(RelocRecord(q.index, q.type, R(q.type).name, q.sym, q.S, q.A, P, before, after))


def _find_hi20(relas, target_addr: int, auipc: int, start: int) -> int | None:
    """The circular search for a PCREL_LO12's partner: from the previous hit, wrapping around."""
    n = len(relas)
    for step in range(n):
        j = (start + step) % n
        offset, info, _addend = relas[j]
        if (target_addr + offset) & U64 == auipc and info & U32 in HI20_PARTNER_TYPES:
            return j
    return None


def apply_relocate_add(
    space: AddressSpace,
    target_addr: int,
    relas: list[tuple[int, int, int]],
    symbols: SymbolView,
    env: RiscvEnv,
    records: list[RelocRecord] | None = None,
    *,
    relsec: int = 0,
) -> None:
    """Apply one SHT_RELA section whose target section sits at ``target_addr``: the handlers in
    entry order, ADD/SUB/SET/ULEB128 queued and stored after the loop.  A refusal leaves the
    queued ones unapplied, as the kernel's early return does.  (``relsec`` is in no riscv message.)"""
    queue = _Accumulator(len(relas), env)
    previous_hit = 0  # j_idx
    for i, P, sym, rtype, S, A in rela_entries(target_addr, relas, symbols, env.module):
        if skips_unresolved(S, sym, symbols, env):
            continue
        row_ = HANDLERS.lookup(rtype, env)
        if rtype in PCREL_LO12_TYPES:
            j = _find_hi20(relas, target_addr, S, previous_hit)
            partner = None
            if j is not None:
                previous_hit = j
                partner = partner_at(relas, j, symbols, env, S)
            apply_entry(space, row_, i, sym, S, A, P, env, records, hi20=partner)
        elif row_.accumulated:
            queue.add(P, _Queued(i, rtype, sym, S, A))
        else:
            apply_entry(space, row_, i, sym, S, A, P, env, records)
    queue.store_all(space, records)

