"""Every relocation case GNU as + ld produced (testdata/arch/gen_reloc_cases.py), through the kit,
on every modelled dialect: the bytes ld wrote, the kernel's refusal where it range-checks, and
``truncated`` exactly where ld reported an overflow that the kernel lets through.  Types binutils
2.40 cannot produce (riscv PLT32, SET_ULEB128/SUB_ULEB128) are checked against what it can: PLT32
in reach against ld's 32_PCREL bytes, the ULEB128 sums against gas's own ``.uleb128`` encodings."""

from __future__ import annotations

import pytest

from pymodpost import reloc
from pymodpost.dialect import by_name as dialect_by_name
from tests.arch.cases import case_id, expected_bytes, load_cases

M64 = 2**64 - 1
DIALECTS = reloc.dialect_names()
X86 = load_cases("x86_64")["cases"]
RISCV = load_cases("riscv64")["cases"]
ULEB128 = load_cases("riscv64")["uleb128"]


def _table(dialect: str) -> str:
    """The dialect's relocation-table generation: what the expectations below differ by."""
    return dialect_by_name(dialect).loader.reloc_tables


def _x86_overflow(dialect: str, number: int, val: int) -> str:
    where = " sec 0 idx 0" if _table(dialect) == "7.3" else ""  # 7.3 names the section and entry
    return f"module: overflow in relocation type {number} val {val:x}{where}"


def _params(cases):
    return [pytest.param(dialect, case, id=f"{dialect}-{case_id(case)}") for dialect in DIALECTS for case in cases]


@pytest.mark.parametrize("dialect,case", _params(X86))
def test_x86_64_case(dialect, case):
    k = reloc.kernel("x86_64", dialect, module="demo")
    args = dict(S=case["S"], A=case["A"], P=case["P"], data=bytes.fromhex(case["template"]))
    if case["type"] in ("R_X86_64_32", "R_X86_64_32S") and case["ld"] == "overflow":
        with pytest.raises(reloc.Refused) as e:
            k.apply(case["type"], **args)
        val = (case["S"] + case["A"]) & M64
        assert e.value.log == (_x86_overflow(dialect, k.number(case["type"]), val),
                               "module: `demo' likely not compiled with -mcmodel=kernel")
        assert e.value.errno == "ENOEXEC" and e.value.message == e.value.log[0]
        if _table(dialect) == "6.1":
            assert e.value.data == bytes.fromhex(case["bytes"])  # 6.1 wrote before checking, as ld truncates
        else:
            assert e.value.data == bytes.fromhex(case["template"])  # checked before the write since 6.2-6.5
        return
    result = k.apply(case["type"], **args)
    assert result.data == expected_bytes(case)
    assert result.truncated == (case["ld"] != "ok")
    assert result.formula == k.handler(case["type"]).formula and result.rtype == case["type"]


def _pair_section(k, case):
    """The case as the module's relocation section: the relocation and its partner at +4."""
    P = case["P"]
    section = k.section(bytes.fromhex(case["template"]), P, {"target": case["S"]})
    section.rela(0, case["type"], "target", case["A"])
    if "PCREL_LO12" in case["pair"]:
        section.rela(4, case["pair"], P)  # the LO12 names the label at the auipc, addend 0
    else:
        section.rela(4, case["pair"], "target", case["A"])
    return section


def _unreachable(case) -> str:
    v = (case["S"] + case["A"]) & M64
    return f"module: target {v:016x} can not be addressed by the 32-bit offset from PC = {case['P']:016x}"


@pytest.mark.parametrize("dialect,case", _params(RISCV))
def test_riscv64_case(dialect, case):
    k = reloc.kernel("riscv64", dialect)
    if case["type"] == "R_RISCV_GOT_HI20":
        v = case["S"] + case["A"]
        got = bytes.fromhex(case["got"])
        slot = next(i for i in range(0, len(got), 8) if int.from_bytes(got[i:i + 8], "little") == v)
        k = reloc.kernel("riscv64", dialect, got=case["got_addr"] + slot)  # ld's GOT entry for S + A
    run = _pair_section(k, case).apply if case["pair"] else (
        lambda: k.apply(case["type"], S=case["S"], A=case["A"], P=case["P"], data=bytes.fromhex(case["template"])))
    if case["type"] in ("R_RISCV_PCREL_HI20", "R_RISCV_CALL") and case["ld"] != "ok":
        with pytest.raises(reloc.Refused) as e:
            run()
        assert (e.value.message, e.value.errno) == (_unreachable(case), "EINVAL")
    elif case["type"] == "R_RISCV_32" and (case["S"] + case["A"]) >> 32:
        # ld writes the low 32 bits without a word; 6.1 refuses
        with pytest.raises(reloc.Refused) as e:
            run()
        v = case["S"] + case["A"]
        assert (e.value.message, e.value.errno) == (f"module: value {v:016x} out of range for 32-bit field", "EINVAL")
    elif case["type"] == "R_RISCV_CALL_PLT" and case["ld"] != "ok":
        result = run()  # out of auipc range: through a PLT entry (ld has no PLT in this link)
        (entry,) = result.entries
        assert (entry.kind, entry.value) == ("plt", case["S"] + case["A"])
        assert result.data == k.apply("R_RISCV_CALL", S=entry.address, A=0, P=case["P"],
                                      data=bytes.fromhex(case["template"])).data
    elif k.handler(case["type"]) is None:
        # a type this kernel has no handler for (6.1: the ones 6.7 added)
        with pytest.raises(reloc.Refused) as e:
            run()
        assert e.value.message == f"module: Unknown relocation type {k.number(case['type'])}"
    elif _ignores_the_field(k, case):
        # 6.7+ sums ADD/SUB from 0, not onto the field: ld's bytes for the same S, A on a zero field
        result = run()
        zeroed = k.apply(case["type"], S=case["S"], A=case["A"], P=case["P"],
                         data=bytes(len(bytes.fromhex(case["template"]))))
        assert result.data == zeroed.data
        assert any(c["type"] == case["type"] and int(c["template"], 16) == 0 for c in RISCV)
    else:
        result = run()
        assert result.data == expected_bytes(case)
        if not case["pair"]:
            assert result.truncated == (case["ld"] != "ok")


def _ignores_the_field(k, case) -> bool:
    row = k.handler(case["type"])
    return (row.accumulated and int(case["template"], 16) != 0
            and case["type"][8:11] in ("ADD", "SUB") and case["type"] != "R_RISCV_SUB6")


def _accumulating(dialect: str) -> bool:
    return reloc.kernel("riscv64", dialect).handler("R_RISCV_PLT32") is not None


@pytest.mark.parametrize("dialect", DIALECTS)
@pytest.mark.parametrize("case", [c for c in RISCV if c["type"] == "R_RISCV_32_PCREL"], ids=case_id)
def test_riscv64_plt32_is_32_pcrel_within_reach(dialect, case):
    """PLT32 writes 32_PCREL's value while auipc reaches the target, else the distance to a PLT entry."""
    k = reloc.kernel("riscv64", dialect)
    args = dict(S=case["S"], A=case["A"], P=case["P"], data=bytes(4))
    if not _accumulating(dialect):
        with pytest.raises(reloc.Refused, match="Unknown relocation type 59"):
            k.apply("R_RISCV_PLT32", **args)
        return
    result = k.apply("R_RISCV_PLT32", **args)
    d = case["S"] + case["A"] - case["P"]
    if -(1 << 31) - (1 << 11) <= d < (1 << 31) - (1 << 11):
        assert result.data == bytes.fromhex(case["bytes"]) and result.entries == ()
    else:
        (entry,) = result.entries
        assert (entry.kind, entry.value) == ("plt", (case["S"] + case["A"]) & M64)
        assert result.data == ((entry.address - case["P"]) & 0xFFFFFFFF).to_bytes(4, "little")


@pytest.mark.parametrize("dialect", DIALECTS)
@pytest.mark.parametrize("case", ULEB128, ids=lambda c: f"uleb128-{c['value']:#x}")
def test_riscv64_uleb128_sum_is_gas_encoding(dialect, case):
    """SET_ULEB128 of a label and SUB_ULEB128 of one ``value`` bytes before it, as the assembler
    emits for ``.uleb128 b - a``: the field holds gas's encoding of ``value``, nothing after it."""
    k = reloc.kernel("riscv64", dialect)
    encoded = bytes.fromhex(case["bytes"])
    base = 0xFFFFFFFF01002000
    section = (k.section(bytes(len(encoded) + 2), base, {"a": base - case["value"], "b": base}, executable=False)
               .rela(0, "R_RISCV_SET_ULEB128", "b").rela(0, "R_RISCV_SUB_ULEB128", "a")
               .rela(len(encoded) + 1, "R_RISCV_RELAX", "b"))  # a third entry: not a one-entry section
    if not _accumulating(dialect):
        with pytest.raises(reloc.Refused, match="Unknown relocation type 60"):
            section.apply()
        return
    assert section.apply().data == encoded + bytes(2)


@pytest.mark.parametrize("dialect", DIALECTS)
def test_every_handled_type_is_covered_by_a_case(dialect):
    for arch, cases in (("x86_64", X86), ("riscv64", RISCV)):
        covered = {c["type"] for c in cases} | {c["pair"] for c in cases if c["pair"]}
        # PLT32 and the ULEB128 pair: through 32_PCREL's cases and gas's encodings above
        covered |= {"R_RISCV_PLT32", "R_RISCV_SET_ULEB128", "R_RISCV_SUB_ULEB128"}
        k = reloc.kernel(arch, dialect)
        # rows whose only job is to refuse (ALIGN, dynamic linking, TLS): test_kit_refusals covers them
        refusing = {name for name in k.handled() if k.formula(name).startswith("always refused")}
        assert covered | refusing >= set(k.handled())
