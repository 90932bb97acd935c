"""Every relocation case GNU as + ld produced (testdata/arch/gen_reloc_cases.py), through the kit,
on every modelled dialect: the bytes ld wrote, the kernel's refusal where 6.1 range-checks, and
``truncated`` exactly where ld reported an overflow that the kernel lets through."""

from __future__ import annotations

import pytest

from pymodpost import reloc
from tests.arch.cases import case_id, expected_bytes, load_cases

M64 = 2**64 - 1
DIALECTS = reloc.dialect_names()
X86 = load_cases("x86_64")["cases"]
RISCV = load_cases("riscv64")["cases"]


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
        assert e.value.log == (f"module: overflow in relocation type {k.number(case['type'])} val {val:x}",
                               "module: `demo' likely not compiled with -mcmodel=kernel")
        assert e.value.errno == "ENOEXEC" and e.value.message == e.value.log[0]
        assert e.value.data == bytes.fromhex(case["bytes"])  # 6.1 wrote before checking, as ld truncates
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
    else:
        result = run()
        assert result.data == expected_bytes(case)
        if not case["pair"]:
            assert result.truncated == (case["ld"] != "ok")


@pytest.mark.parametrize("dialect", DIALECTS)
def test_every_handled_type_is_covered_by_a_case(dialect):
    for arch, cases in (("x86_64", X86), ("riscv64", RISCV)):
        covered = {c["type"] for c in cases} | {c["pair"] for c in cases if c["pair"]}
        # ALIGN's only job is to refuse: test_kit_refusals covers it
        assert covered | {"R_RISCV_ALIGN"} >= set(reloc.kernel(arch, dialect).handled())
