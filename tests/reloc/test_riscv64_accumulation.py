"""riscv64 from 6.7: ADD/SUB/SET/ULEB128 queued per place and stored after the section, through the
kit, on every dialect that carries that table; the edge cases read from 6.12.118's and 7.3.4's
arch/riscv/kernel/module.c (identical there) and, for the hash, from the compiled 6.12 kernel."""

from __future__ import annotations

import pytest

from pymodpost import reloc

P = 0xFFFFFFFF01002000
MOD = "acc"
GOLDEN_RATIO_64 = 0x61C8864680B583EB  # include/linux/hash.h
DIALECTS = [d for d in reloc.dialect_names() if reloc.kernel("riscv64", d).handler("R_RISCV_SET6") is not None]
OLDER = [d for d in reloc.dialect_names() if d not in DIALECTS]


def _section(dialect, size, symbols, *relas, base=P):
    section = reloc.kernel("riscv64", dialect, module=MOD).section(bytes(size) if isinstance(size, int) else size,
                                                                   base, symbols, executable=False)
    for offset, rtype, symbol in relas:
        section.rela(offset, rtype, symbol)
    return section


def test_the_newer_dialects_accumulate():
    assert {"6.12", "7.3"} <= set(DIALECTS)


@pytest.mark.parametrize("dialect", DIALECTS)
def test_the_field_is_not_read(dialect):
    """The buffer starts at 0: an ADD onto a field that is not zero ignores the field's bytes."""
    data = _section(dialect, bytes.fromhex("ffffffff00000000"), {"a": 5, "b": 7},
                    (0, "R_RISCV_ADD32", "a"), (0, "R_RISCV_ADD32", "b")).apply().data
    assert data == bytes.fromhex("0c000000 00000000")


@pytest.mark.parametrize("dialect", DIALECTS)
def test_each_queued_handler_acts_with_its_own_width(dialect):
    """ADD8 touches only the buffer's low byte: no carry into the next byte; ADD64 all of it."""
    r = _section(dialect, 16, {"a": 0xFF, "b": 0x01, "c": 0x100},
                 (0, "R_RISCV_ADD64", "a"), (0, "R_RISCV_ADD8", "b"), (0, "R_RISCV_ADD64", "b"),
                 (8, "R_RISCV_ADD16", "c"), (8, "R_RISCV_ADD32", "a")).apply()
    # 0xff, low byte + 1 -> 0x00 (0xff -> 0x00, no carry), + 1 -> 0x01; then 0x100 + 0xff
    assert r.data == (1).to_bytes(8, "little") + (0x1FF).to_bytes(8, "little")[:4] + bytes(4)
    assert r.log == ()


@pytest.mark.parametrize("dialect", DIALECTS)
def test_the_last_relocation_stores_with_its_width_and_range_check(dialect):
    """ADD64 then ADD16 at one place: the 64-bit sum is stored as 16 bits, which it does not fit:
    printed, the field left as it was, and the load goes on (the return value is ignored)."""
    r = _section(dialect, bytes.fromhex("aaaa bbbb cccc dddd"), {"a": 0x12340000, "b": 5},
                 (0, "R_RISCV_ADD64", "a"), (0, "R_RISCV_ADD16", "b"), (2, "R_RISCV_SET16", "b")).apply()
    assert r.log == (f"{MOD}: value {0x12340005} out of range for 16-bit relocation.",)
    assert r.data == bytes.fromhex("aaaa 0500 cccc dddd")
    # the other way round: a 16-bit sum stored by the 64-bit handler, whole
    r = _section(dialect, 8, {"a": 0x12340000, "b": 5},
                 (0, "R_RISCV_ADD16", "b"), (0, "R_RISCV_ADD64", "a")).apply()
    assert r.data == (0x12340005).to_bytes(8, "little") and r.log == ()


@pytest.mark.parametrize("dialect", DIALECTS)
@pytest.mark.parametrize("bits,add", [(8, "R_RISCV_ADD8"), (16, "R_RISCV_ADD16"), (32, "R_RISCV_ADD32")])
def test_an_add_alone_cannot_overflow_its_own_width(dialect, bits, add):
    """An ADDn alone only ever sets the buffer's low n bits, so its own range check never fires."""
    r = reloc.kernel("riscv64", dialect).apply(add, S=(1 << 40) + 5, A=0, P=P)
    assert r.data == (5).to_bytes(bits // 8, "little") and r.log == ()


@pytest.mark.parametrize("dialect", DIALECTS)
def test_a_negative_sum_passes_the_signed_range_check(dialect):
    """The stores compare a signed long: -1 is not above 255, so an 8-bit store writes 0xff."""
    r = _section(dialect, bytes([0x55] * 8), {"a": 1, "b": 2},
                 (0, "R_RISCV_SUB64", "b"), (0, "R_RISCV_ADD8", "a")).apply()
    assert r.data == b"\xff" + bytes([0x55] * 7) and r.log == ()


@pytest.mark.parametrize("dialect", DIALECTS)
def test_six_bits_keep_the_bytes_top_two_bits(dialect):
    k = reloc.kernel("riscv64", dialect)
    assert k.apply("R_RISCV_SET6", S=0x1265, A=0, P=P, data=b"\xc0").data == b"\xe5"
    assert k.apply("R_RISCV_SET6", S=0x1265, A=0, P=P, data=b"\x3f").data == b"\x25"
    # a sum above 63 (here from a 64-bit ADD before the SET6) is printed and not stored
    r = _section(dialect, b"\x80" + bytes(7), {"a": 0x40, "b": 1},
                 (0, "R_RISCV_ADD64", "a"), (0, "R_RISCV_SET6", "b")).apply()
    assert r.log == (f"{MOD}: value 65 out of range for 6-bit relocation.",) and r.data == b"\x80" + bytes(7)


@pytest.mark.parametrize("dialect", DIALECTS)
def test_uleb128_writes_the_minimal_encoding_and_nothing_for_zero(dialect):
    k = reloc.kernel("riscv64", dialect)
    assert k.apply("R_RISCV_SET_ULEB128", S=300, A=0, P=P, data=bytes(3)).data == bytes.fromhex("ac0200")
    # zero: the loop does not run, the field keeps what it had
    r = _section(dialect, bytes.fromhex("aabb"), {"a": 0x40, "b": 0x40},
                 (0, "R_RISCV_SET_ULEB128", "a"), (0, "R_RISCV_SUB_ULEB128", "b"))
    assert r.apply().data == bytes.fromhex("aabb")


@pytest.mark.parametrize("dialect", DIALECTS)
def test_a_negative_uleb128_is_the_kernels_endless_loop(dialect):
    """``while (buffer != 0) { ...; buffer >>= 7; }`` on a negative long never ends: reported as a
    crash (the kernel never returns), at once rather than as a hang."""
    section = _section(dialect, 4, {"a": 0x40, "b": 0x41},
                       (0, "R_RISCV_SET_ULEB128", "a"), (0, "R_RISCV_SUB_ULEB128", "b"))
    with pytest.raises(reloc.Refused) as e:
        section.apply()
    assert e.value.crash and e.value.errno is None
    assert "is -1" in e.value.message and "loops forever" in e.value.message


def _bucket(place: int, bits: int) -> int:
    return ((place * GOLDEN_RATIO_64) % 2**64) >> (64 - bits)


@pytest.mark.parametrize("dialect", DIALECTS)
def test_overlapping_places_are_stored_in_the_kernels_hash_order(dialect):
    """Places are stored bucket by bucket, the bucket used last first, and within a bucket the
    place met last first; where two fields overlap, the one stored later wins the shared byte."""
    places = [P + off for off in range(4)]
    relas = [(off, "R_RISCV_SET32", f"v{off}") for off in range(4)]  # 4 entries: 3 hash bits
    symbols = {f"v{off}": 0x11111111 * (off + 1) for off in range(4)}
    data = _section(dialect, 8, symbols, *relas).apply().data
    buckets: list[int] = []
    in_bucket: dict[int, list[int]] = {}
    for place in places:
        b = _bucket(place, 3)
        if b not in in_bucket:
            buckets.insert(0, b)
            in_bucket[b] = []
        in_bucket[b].insert(0, place)
    expected = bytearray(8)
    for b in buckets:
        for place in in_bucket[b]:
            off = place - P
            expected[off:off + 4] = symbols[f"v{off}"].to_bytes(4, "little")
    assert data == bytes(expected)
    assert len({_bucket(p, 3) for p in places}) > 1  # the order is not plain entry order here
    assert data != bytes.fromhex("11 22 33 44 44 44 44 00")


@pytest.mark.parametrize("dialect", DIALECTS)
def test_a_one_entry_section_hashes_past_its_table(dialect):
    """One relocation gives a one-bucket table (0 hash bits); hash_64 shifts by 64, which the
    compiled kernel's srl takes as 0: the bucket index is the product's low 32 bits."""
    with pytest.raises(reloc.Refused) as e:
        _section(dialect, 4, {"a": 1}, (0, "R_RISCV_SET32", "a")).apply()
    index = (P * GOLDEN_RATIO_64) % 2**32
    assert e.value.crash and f"bucket {index:#x} of a one-bucket table" in e.value.message
    # with a second entry (of any type) the table has a bit and all is well
    r = _section(dialect, 8, {"a": 1}, (0, "R_RISCV_SET32", "a"), (4, "R_RISCV_RELAX", "a")).apply()
    assert r.data == bytes.fromhex("01000000 00000000")


@pytest.mark.parametrize("dialect", DIALECTS)
def test_a_failing_handler_leaves_the_queue_unapplied(dialect):
    """A non-accumulated handler that fails returns at once: what was queued is never stored."""
    section = _section(dialect, bytes.fromhex("aaaaaaaa 13000000"), {"a": 1},
                       (0, "R_RISCV_SET32", "a"), (4, "R_RISCV_ALIGN", "a"))
    with pytest.raises(reloc.Refused) as e:
        section.apply()
    assert e.value.message == f"{MOD}: The unexpected relocation type 'R_RISCV_ALIGN' from PC = {P + 4:016x}"
    assert e.value.data == bytes.fromhex("aaaaaaaa 13000000")


@pytest.mark.parametrize("dialect", reloc.dialect_names())
def test_pcrel_lo12_partner_search(dialect):
    """Two PCREL_HI20 at one auipc address: 6.1 always takes the first in the section, 6.7+ the
    first from where its previous search hit, wrapping around."""
    auipc_a, auipc_b = P, P + 8
    text = bytes.fromhex("17050000 13050500" "17050000 13050500" "17050000 13050500")
    k = reloc.kernel("riscv64", dialect, module=MOD)
    section = k.section(text, P, {"x": P + 0x100, "y": P + 0x300, "z": P + 0x500}, executable=False)
    section.rela(0, "R_RISCV_PCREL_HI20", "x").rela(4, "R_RISCV_PCREL_LO12_I", auipc_a)
    section.rela(8, "R_RISCV_PCREL_HI20", "z").rela(12, "R_RISCV_PCREL_LO12_I", auipc_b)
    section.rela(0, "R_RISCV_PCREL_HI20", "y")  # a second HI20 at the first auipc
    section.rela(20, "R_RISCV_PCREL_LO12_I", auipc_a)
    data = section.apply().data
    lo12 = int.from_bytes(data[20:24], "little") >> 20
    partner = "x" if dialect in OLDER else "y"
    assert lo12 == {"x": 0x100, "y": 0x300}[partner]


DYNAMIC = ["R_RISCV_RELATIVE", "R_RISCV_COPY", "R_RISCV_JUMP_SLOT", "R_RISCV_TLS_DTPMOD32", "R_RISCV_TLS_DTPMOD64",
           "R_RISCV_TLS_DTPREL32", "R_RISCV_TLS_DTPREL64", "R_RISCV_TLS_TPREL32", "R_RISCV_TLS_TPREL64",
           "R_RISCV_IRELATIVE"]
TLS = ["R_RISCV_TLS_GOT_HI20", "R_RISCV_TLS_GD_HI20", "R_RISCV_TPREL_HI20", "R_RISCV_TPREL_LO12_I",
       "R_RISCV_TPREL_LO12_S", "R_RISCV_TPREL_ADD"]


@pytest.mark.parametrize("dialect", DIALECTS)
@pytest.mark.parametrize("rtype,wording", [*((t, "Dynamic linking") for t in DYNAMIC),
                                           *((t, "Thread local storage") for t in TLS)])
def test_dynamic_linking_and_tls_types_are_refused_by_name(dialect, rtype, wording):
    with pytest.raises(reloc.Refused) as e:
        reloc.kernel("riscv64", dialect, module=MOD).apply(rtype, S=0x1000, A=0, P=P)
    assert (e.value.log, e.value.errno) == (
        (f"{MOD}: {wording} not supported in kernel modules PC = {P:016x}",), "EINVAL")


@pytest.mark.parametrize("dialect", DIALECTS)
def test_the_other_types_stay_unknown(dialect):
    k = reloc.kernel("riscv64", dialect, module=MOD)
    for number in (0, 12, 13, 14, 15, 41, 42, 46, 47, 48, 49, 50, 62, 63, 64, 65, 191, 255):
        with pytest.raises(reloc.Refused) as e:
            k.apply(number, S=0, A=0, P=P)
        assert (e.value.log, e.value.errno) == ((f"{MOD}: Unknown relocation type {number}",), "EINVAL")
