"""The kit's contract: names and numbers, default bytes, caller mistakes as ValueError, the riscv64
default kernel's GOT/PLT, the section builder's driver semantics."""

from __future__ import annotations

import pytest

from pymodpost import reloc
from pymodpost.arch import riscv64, x86_64
from pymodpost.errors import KernelError

DIALECTS = reloc.dialect_names()
P = 0xFFFFFFFF01001000
AUIPC_ADDI = bytes.fromhex("1705000013050500")  # auipc a0, 0; addi a0, a0, 0
AUIPC_JALR = bytes.fromhex("9700000067800000")  # auipc ra, 0; jalr ra, 0(ra)


def test_supported_is_every_arch_with_every_registered_dialect():
    from pymodpost.dialect import DIALECTS as REGISTRY

    assert reloc.supported() == [(a, d) for a in ("x86_64", "riscv64") for d in REGISTRY]


@pytest.mark.parametrize("arch,dialect", reloc.supported())
def test_name_and_number_are_the_same_relocation(arch, dialect):
    k = reloc.kernel(arch, dialect)
    for name in k.handled():
        row = k.handler(name)
        assert k.number(name) == row.number and k.name(row.number) == name and row.formula
        if row.width and name not in ("R_RISCV_PCREL_LO12_I", "R_RISCV_PCREL_LO12_S"):
            if name == "R_RISCV_SUB_ULEB128":  # alone, 0 - 0x1048: the kernel's encoding loop never ends
                with pytest.raises(reloc.Refused) as e:
                    k.apply(name, S=0x1040, A=8, P=0x1000)
                assert e.value.crash and e.value.errno is None
                continue
            # a ULEB128 field is as long as its value's encoding: 0x1048 takes two bytes
            data = bytes(2) if name.endswith("_ULEB128") else None
            by_name = k.apply(name, S=0x1040, A=8, P=0x1000, data=data)
            assert by_name == k.apply(row.number, S=0x1040, A=8, P=0x1000, data=data)
            assert by_name.before == (data or bytes(row.width))  # default: zeros of the field's width


@pytest.mark.parametrize("arch", reloc.ARCHES)
def test_an_unknown_name_is_a_value_error_naming_it_and_the_arch(arch):
    k = reloc.kernel(arch, DIALECTS[0])
    other = "R_RISCV_CALL_PLT" if arch == "x86_64" else "R_X86_64_PC32"
    for name in ("R_NOPE", other, "r_x86_64_pc32"):
        with pytest.raises(ValueError, match=f"'{name}' is not a {arch} relocation name"):
            k.apply(name, S=0, A=0, P=0)
    with pytest.raises(ValueError, match="did you mean R_RISCV_CALL_PLT"):
        reloc.kernel("riscv64", DIALECTS[0]).apply("R_RISCV_CALLPLT", S=0, A=0, P=0)
    for bad in (-1, 2**32, 1.5, None, True):
        with pytest.raises(ValueError, match="relocation type is an R_\\* name or a number"):
            k.apply(bad, S=0, A=0, P=0)


def test_bad_kernels_and_values_are_value_errors():
    with pytest.raises(ValueError, match="unknown architecture 'arm64'"):
        reloc.kernel("arm64", "6.1")
    with pytest.raises(ValueError, match="unknown kernel dialect '5.10'; known: "):
        reloc.kernel("x86_64", "5.10")
    with pytest.raises(ValueError, match="cmodel_medlow, got: riscv64 options, not for x86_64"):
        reloc.kernel("x86_64", "6.1", cmodel_medlow=True, got=0x1000)
    k = reloc.kernel("x86_64", "6.1")
    for kw in (dict(S=-1, A=0, P=0), dict(S=0, A=2**63, P=0), dict(S=0, A=0, P=2**64), dict(S="1", A=0, P=0)):
        with pytest.raises(ValueError, match="must be"):
            k.apply("R_X86_64_64", **kw)


@pytest.mark.parametrize("arch,dialect", reloc.supported())
def test_a_field_past_the_end_of_data_is_a_value_error(arch, dialect):
    k = reloc.kernel(arch, dialect)
    for name in k.handled():
        width = k.handler(name).width
        if not width:
            continue
        with pytest.raises(ValueError, match=rf"field at offset 0 \({width} bytes\) does not fit in the "
                                             f"{width - 1} bytes given"):
            k.apply(name, S=P, A=0, P=P, data=bytes(width - 1), hi20=("R_RISCV_PCREL_HI20", P, 0) if "LO12" in name
                    and "PCREL" in name else None)
        section = k.section(bytes(width + 2), P, {"s": P})
        with pytest.raises(ValueError, match=rf"field at offset 3 \({width} bytes\) does not fit in the "
                                             f"{width + 2} bytes given"):
            section.rela(3, name, "s")


def test_handlers_called_directly_do_not_grow_the_buffer():
    """The issue's examples: a field past the end was silently appended to the bytearray."""
    mem = bytearray(4)
    with pytest.raises(ValueError):
        x86_64.r_x86_64_pc32(mem, 10, 0x1100, -4, 0x1000)
    with pytest.raises(ValueError):
        riscv64.r_riscv_call_plt(mem, 0, 0x1100, 0, 0x1000)
    assert mem == bytes(4)


def test_bytes_past_the_field_are_kept():
    k = reloc.kernel("x86_64", "6.1")
    r = k.apply("R_X86_64_PC32", S=P + 0x100, A=-4, P=P, data=bytes(4) + b"\xcc\xcc")
    assert r.data == (0xFC).to_bytes(4, "little") + b"\xcc\xcc" and r.before == bytes(4) + b"\xcc\xcc"


@pytest.mark.parametrize("dialect", DIALECTS)
def test_riscv64_default_kernel_has_got_and_plt(dialect):
    k = reloc.kernel("riscv64", dialect)
    got = k.apply("R_RISCV_GOT_HI20", S=0xFFFFFFFF80654320, A=0, P=P, data=AUIPC_ADDI[:4])
    (entry,) = got.entries
    assert entry.kind == "got" and entry.value == 0xFFFFFFFF80654320 and P < entry.address < P + 0x1000
    assert got.data == k.apply("R_RISCV_PCREL_HI20", S=entry.address, A=0, P=P, data=AUIPC_ADDI[:4]).data
    far = k.apply("R_RISCV_CALL_PLT", S=0x1000, A=0, P=P, data=AUIPC_JALR)
    (plt,) = far.entries
    assert plt.kind == "plt" and plt.value == 0x1000
    assert far.data == k.apply("R_RISCV_CALL", S=plt.address, A=0, P=P, data=AUIPC_JALR).data
    placed = reloc.kernel("riscv64", dialect, plt=P + 0x8000).apply("R_RISCV_CALL_PLT", S=0x1000, A=0, P=P)
    assert placed.entries[0].address == P + 0x8000


@pytest.mark.parametrize("dialect", DIALECTS)
def test_riscv64_lo12_partner_by_hand_and_in_a_section_agree(dialect):
    k = reloc.kernel("riscv64", dialect)
    for hi20 in ("R_RISCV_PCREL_HI20", "R_RISCV_GOT_HI20"):
        hi = k.apply(hi20, S=P + 0x12345, A=8, P=P, data=AUIPC_ADDI[:4])
        lo = k.apply("R_RISCV_PCREL_LO12_I", S=P, A=0x777, P=P + 4, data=AUIPC_ADDI[4:], hi20=(hi20, P + 0x12345, 8))
        section = k.section(AUIPC_ADDI, P, {"x": P + 0x12345}).rela(0, hi20, "x", 8).rela(4, "R_RISCV_PCREL_LO12_I", P)
        result = section.apply()
        assert result.data == hi.data + lo.data
        assert [r.name for r in result.records] == [hi20, "R_RISCV_PCREL_LO12_I"]
        if hi20 == "R_RISCV_GOT_HI20":  # one GOT entry, shared by the pair
            assert len(result.entries) == 1 and hi.entries == lo.entries == result.entries
    with pytest.raises(ValueError, match="pairs with R_RISCV_PCREL_HI20 or R_RISCV_GOT_HI20, not R_RISCV_HI20"):
        k.apply("R_RISCV_PCREL_LO12_I", S=P, A=0, P=P + 4, hi20=("R_RISCV_HI20", P, 0))
    with pytest.raises(ValueError, match="hi20= is the partner of a PCREL_LO12 relocation, not of R_RISCV_64"):
        k.apply("R_RISCV_64", S=P, A=0, P=P, hi20=("R_RISCV_PCREL_HI20", P, 0))
    with pytest.raises(ValueError, match=r"hi20= is \(type, S, A\)"):
        k.apply("R_RISCV_PCREL_LO12_I", S=P, A=0, P=P + 4, hi20=P)


@pytest.mark.parametrize("dialect", DIALECTS)
def test_section_pairs_with_the_first_hi20_at_the_address(dialect):
    """6.1 searches the section from its first entry and takes the first HI20 at the auipc."""
    k = reloc.kernel("riscv64", dialect)
    first = (k.section(AUIPC_ADDI, P, {"a": P + 0x100, "b": P + 0x2200})
             .rela(0, "R_RISCV_PCREL_HI20", "a").rela(0, "R_RISCV_GOT_HI20", "b").rela(4, "R_RISCV_PCREL_LO12_I", P))
    result = first.apply()
    # the second HI20 rewrote the auipc, the LO12 still took the first one's offset (0x100)
    assert result.data[4:] == k.apply("R_RISCV_PCREL_LO12_I", S=P, A=0, P=P + 4, data=AUIPC_ADDI[4:],
                                      hi20=("R_RISCV_PCREL_HI20", P + 0x100, 0)).data


@pytest.mark.parametrize("dialect", DIALECTS)
def test_section_reserves_got_entries_as_6_1_counts_them(dialect):
    k = reloc.kernel("riscv64", dialect)
    section = k.section(bytes(12), P, {"a": 0x1000, "b": 0x2000})
    for off, sym in ((0, "a"), (4, "b"), (8, "a")):
        section.rela(off, "R_RISCV_GOT_HI20", sym)
    result = section.apply()
    assert [(e.kind, e.value) for e in result.entries] == [("got", 0x1000), ("got", 0x2000)]
    assert result.entries[0].address + 8 == result.entries[1].address


def test_x86_64_section_applies_in_order_and_skips_none():
    k = reloc.kernel("x86_64", "6.1")
    result = (k.section(bytes(16), P, {"f": P + 0x100, "g": 0x1234})
              .rela(0, "R_X86_64_PC32", "f", -4).rela(4, "R_X86_64_NONE", "f").rela(8, "R_X86_64_64", "g", 8)
              .apply())
    assert result.data == (0xFC).to_bytes(4, "little") + bytes(4) + (0x123C).to_bytes(8, "little")
    assert [r.name for r in result.records] == ["R_X86_64_PC32", "R_X86_64_64"]


def test_refused_is_a_kernel_error():
    assert issubclass(reloc.Refused, KernelError)


def test_unknown_symbols_in_a_section_are_value_errors():
    k = reloc.kernel("riscv64", "6.1")
    with pytest.raises(ValueError, match="symbol 'nope' is not among the symbols given to section"):
        k.section(bytes(8), P, {"a": 1}).rela(0, "R_RISCV_64", "nope")
    with pytest.raises(ValueError, match=r"weak names \['b'\] are not among the symbols"):
        k.section(bytes(8), P, {"a": 1}, weak=["b"])


def test_data_must_be_bytes():
    k = reloc.kernel("x86_64", "6.1")
    with pytest.raises(ValueError, match="data must be bytes, not str"):
        k.apply("R_X86_64_64", S=0, A=0, P=P, data="00" * 8)
    with pytest.raises(ValueError, match="data must be bytes, not list"):
        k.section([0] * 8, P, {})
