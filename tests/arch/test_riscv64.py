"""riscv64 relocation handlers against the bytes GNU ld wrote for the same S, A and P."""

from __future__ import annotations

import pytest

from pymodpost.arch import riscv64 as rv
from pymodpost.arch.riscv64_sections import EntryArea, ModuleSections
from pymodpost.errors import KernelError
from tests.arch.cases import case_id, expected_bytes, load_cases

DATA = load_cases("riscv64")
BY_NAME = {row.name: row for row in rv.HANDLERS}
PC_RELATIVE_CHECKED = {"R_RISCV_PCREL_HI20", "R_RISCV_CALL", "R_RISCV_CALL_PLT"}
M64 = 2**64 - 1


def _sections(got_addr: int = 0xFFFFFFFF01008000, plt_addr: int = 0xFFFFFFFF01000000, n: int = 4) -> ModuleSections:
    return ModuleSections(
        got=EntryArea(bytearray(8 * (n + 1)), 0, got_addr, n),
        plt=EntryArea(bytearray(12 * (n + 1)), 0, plt_addr, n),
        got_plt=EntryArea(bytearray(8 * (n + 1)), 0, plt_addr + 0x1000, n),
    )


def _apply_case(case, env):
    """Apply the case's relocation (and its LO12 partner) to the template; return the bytes."""
    mem = bytearray(bytes.fromhex(case["template"]))
    S, A, P = case["S"], case["A"], case["P"]
    BY_NAME[case["type"]].apply(mem, 0, S, A, P, env)
    pair = case.get("pair")
    if pair in ("R_RISCV_PCREL_LO12_I", "R_RISCV_PCREL_LO12_S"):
        partner = rv.Hi20Partner(rv.HANDLERS.rows[rv.R_RISCV_PCREL_HI20].number
                                 if case["type"] == "R_RISCV_PCREL_HI20" else rv.R_RISCV_GOT_HI20, S, A, P)
        # the LO12's own symbol is the label at the auipc, its addend 0: both ignored by 6.1
        BY_NAME[pair].apply(mem, 4, P, 0, P + 4, env, hi20=partner)
    elif pair:
        BY_NAME[pair].apply(mem, 4, S, A, P + 4, env)
    return bytes(mem)


# ld does not range-check R_RISCV_32 (it truncates); 6.1 refuses, see test_r_riscv_32_refuses...
SIMPLE = [
    c for c in DATA["cases"]
    if c["type"] in BY_NAME  # 6.1's types (the later ones: tests/reloc through the kit, per kernel)
    and c["type"] != "R_RISCV_GOT_HI20"
    and not (c["type"] == "R_RISCV_32" and (c["S"] + c["A"]) >> 32)
    and not (c["type"] == "R_RISCV_CALL_PLT" and c["ld"] != "ok")  # see test_call_plt_far_uses_plt
]


@pytest.mark.parametrize("case", SIMPLE, ids=case_id)
def test_handler_matches_ld(case):
    env = rv.RiscvEnv("demo", sections=_sections())
    if case["type"] in PC_RELATIVE_CHECKED and case["ld"] != "ok":
        with pytest.raises(KernelError) as e:
            _apply_case(case, env)
        v = (case["S"] + case["A"]) & M64
        assert e.value.message == (
            f"demo: target {v:016x} can not be addressed by the 32-bit offset from PC = {case['P']:016x}"
        )
        assert e.value.errno == "EINVAL"
    else:
        assert _apply_case(case, env) == expected_bytes(case)


def test_got_hi20_pair_points_at_the_entry_ld_made():
    (case,) = [c for c in DATA["cases"] if c["type"] == "R_RISCV_GOT_HI20"]
    v = (case["S"] + case["A"]) & M64
    got = bytes.fromhex(case["got"])
    slot = [i for i in range(0, len(got), 8) if int.from_bytes(got[i:i + 8], "little") == v][0]
    sections = _sections(got_addr=case["got_addr"] + slot)
    out = _apply_case(case, rv.RiscvEnv("demo", sections=sections))
    assert out == bytes.fromhex(case["bytes"])
    assert sections.got.num_entries == 1 and sections.got.slot_value(0) == v


def test_every_handled_type_has_a_case():
    covered = {c["type"] for c in DATA["cases"]} | {c["pair"] for c in DATA["cases"] if c.get("pair")}
    assert covered | {"R_RISCV_ALIGN"} >= set(BY_NAME)  # (the cases also cover 6.7's types)


def test_table_ends_at_relax_like_6_1():
    assert sorted(rv.HANDLERS.rows) == [1, 2, 16, 17, 18, 19, 20, 23, 24, 25, 26, 27, 28, 35, 36, 39, 40, 43, 44, 45, 51]


@pytest.mark.parametrize("rtype", [0, 3, 4, 5, 21, 22, 29, 33, 34, 37, 38, 46, 52, 53, 54, 57, 59, 60, 61, 62, 255])
def test_unknown_types_are_refused(rtype):
    with pytest.raises(KernelError) as e:
        rv.HANDLERS.lookup(rtype, rv.RiscvEnv("cfbimgblt"))
    assert e.value.message == f"cfbimgblt: Unknown relocation type {rtype}"
    assert e.value.errno == "EINVAL" and e.value.err == -22


def test_r_riscv_32_refuses_values_above_32_bits():
    mem = bytearray(4)
    rv.r_riscv_32(mem, 0, 0xFFFFFFF0, 0xF, 0)
    assert mem == b"\xff\xff\xff\xff"
    with pytest.raises(KernelError) as e:
        rv.r_riscv_32(bytearray(4), 0, 0xFFFFFFF0, 0x10, 0, rv.RiscvEnv("m"))
    assert e.value.message == "m: value 0000000100000000 out of range for 32-bit field"


def test_align_is_refused():
    with pytest.raises(KernelError) as e:
        rv.r_riscv_align(bytearray(4), 0, 0, 0, 0xFFFFFFFF01000010, rv.RiscvEnv("m"))
    assert e.value.message == "m: The unexpected relocation type 'R_RISCV_ALIGN' from PC = ffffffff01000010"


def test_hi20_under_medlow_is_refused():
    with pytest.raises(KernelError, match="can not be addressed by the 32-bit offset"):
        rv.r_riscv_hi20(bytearray(4), 0, 0x1000, 0, 0x2000, rv.RiscvEnv("m", cmodel_medlow=True))


def test_got_without_module_sections_is_refused():
    with pytest.raises(KernelError) as e:
        rv.r_riscv_got_hi20(bytearray(4), 0, 0x1234, 0, 0xFFFFFFFF01000000, rv.RiscvEnv("m", module_sections=False))
    assert e.value.message == (
        "m: can not generate the GOT entry for symbol = 0000000000001234 from PC = ffffffff01000000"
    )


def test_lo12_without_partner_is_refused():
    with pytest.raises(KernelError) as e:
        rv.r_riscv_pcrel_lo12_i(bytearray(4), 0, 0, 0, 0, rv.RiscvEnv("m"), hi20=None)
    assert e.value.message == "m: Can not find HI20 relocation information" and e.value.errno == "EINVAL"


def test_call_plt_far_uses_plt():
    """An unreachable CALL_PLT target gets a PLT entry (bytes checked against ld in test_riscv64_sections)."""
    far = [c for c in DATA["cases"] if c["type"] == "R_RISCV_CALL_PLT" and c["ld"] != "ok"]
    assert far
    for case in far:
        sections = _sections(plt_addr=case["P"] + 0x100)
        mem = bytearray(bytes.fromhex(case["template"]))
        rv.r_riscv_call_plt(mem, 0, case["S"], case["A"], case["P"], rv.RiscvEnv("m", sections=sections))
        assert sections.plt.num_entries == 1 and sections.got_plt.slot_value(0) == case["S"] + case["A"]
        # the call now reaches the PLT entry: same bytes as an in-range CALL to that address
        ref = bytearray(bytes.fromhex(case["template"]))
        rv.r_riscv_call(ref, 0, case["P"] + 0x100, 0, case["P"])
        assert mem == ref
        with pytest.raises(KernelError, match="can not be addressed"):
            rv.r_riscv_call_plt(bytearray(8), 0, case["S"], case["A"], case["P"],
                                rv.RiscvEnv("m", module_sections=False))


def test_pcrel_lo12_before_its_got_hi20_creates_the_got_entry_first():
    """6.1 pairs the LO12 with its GOT_HI20 by address and emits the GOT entry from whichever
    comes first; the later HI20 reuses it (module_emit_got_entry dedups by value)."""
    sections = _sections()
    P = 0xFFFFFFFF01001000
    mem = bytearray(bytes.fromhex("1705000003350500"))  # auipc a0, 0; ld a0, 0(a0)
    target = 0xFFFFFFFF80654320
    partner = rv.Hi20Partner(rv.R_RISCV_GOT_HI20, target, 0, P)
    rv.r_riscv_pcrel_lo12_i(mem, 4, P, 0, P + 4, rv.RiscvEnv("m", sections=sections), hi20=partner)
    assert sections.got.num_entries == 1
    rv.r_riscv_got_hi20(mem, 0, target, 0, P, rv.RiscvEnv("m", sections=sections))
    assert sections.got.num_entries == 1 and sections.got.slot_value(0) == target
    ref = bytearray(bytes.fromhex("1705000003350500"))
    rv.r_riscv_pcrel_hi20(ref, 0, sections.got.addr, 0, P)
    rv.r_riscv_pcrel_lo12_i(ref, 4, P, 0, P + 4, hi20=rv.Hi20Partner(rv.R_RISCV_PCREL_HI20, sections.got.addr, 0, P))
    assert mem == ref


@pytest.mark.parametrize("row", [r for r in rv.HANDLERS if r.width], ids=lambda r: r.name)
def test_a_field_past_the_buffer_is_a_value_error_and_leaves_it_alone(row):
    mem = bytearray(row.width - 1 if row.width == 8 else 1)
    before = bytes(mem)
    extra = {"hi20": rv.Hi20Partner(rv.R_RISCV_PCREL_HI20, 0x2000, 0, 0x1000)} if "LO12" in row.name and "PCREL" in row.name else {}
    with pytest.raises(ValueError, match=r"relocation field at offset 0 \(\d bytes\) does not fit"):
        row.apply(mem, 0, 0x1100, 0, 0x1000, rv.RiscvEnv(), **extra)
    assert mem == before


def test_default_environment_has_the_module_got_and_plt():
    """Every riscv kernel with modules selects CONFIG_MODULE_SECTIONS: a handler called with the
    default environment uses a GOT/PLT just after the auipc instead of refusing."""
    P = 0xFFFFFFFF01001000
    far = P + (1 << 32)
    mem = bytearray(bytes.fromhex("9700000067800000"))  # auipc ra, 0; jalr ra, 0(ra)
    rv.r_riscv_call_plt(mem, 0, far, 0, P)
    plt = rv.RiscvEnv().sections_near(P).plt.addr
    ref = bytearray(bytes.fromhex("9700000067800000"))
    rv.r_riscv_call(ref, 0, plt, 0, P)
    assert mem == ref
    got = bytearray(bytes.fromhex("17050000"))
    rv.r_riscv_got_hi20(got, 0, 0x1234, 0, P)
    ref = bytearray(bytes.fromhex("17050000"))
    rv.r_riscv_pcrel_hi20(ref, 0, rv.RiscvEnv().sections_near(P).got.addr, 0, P)
    assert got == ref
