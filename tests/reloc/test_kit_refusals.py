"""Every message a relocation handler or driver prints, reached through the kit, with its errno, on
every modelled kernel.  (The range refusals that GNU ld also reports -- x86 32/32S overflow, riscv
32-bit field and the 32-bit offset -- are checked against ld's verdicts in test_kit_ld_cases.py;
riscv64's accumulation from 6.7 has its own file, test_riscv64_accumulation.py.)"""

from __future__ import annotations

import pytest

from pymodpost import reloc
from pymodpost.dialect import by_name as dialect_by_name
from pymodpost.elf.constants import RX86_64, RRiscv

DIALECTS = reloc.dialect_names()
P = 0xFFFFFFFF01001000
MOD = "demo"


def _refusal(call) -> reloc.Refused:
    with pytest.raises(reloc.Refused) as e:
        call()
    assert e.value.message == e.value.log[0]
    return e.value


def _unhandled(arch, dialect, numbering):
    handled = set(reloc.kernel(arch, dialect).handled())
    return [m.name for m in numbering if m.name not in handled]


@pytest.mark.parametrize("dialect", DIALECTS)
def test_x86_64_unknown_types_by_name_and_number(dialect):
    k = reloc.kernel("x86_64", dialect, module=MOD)
    for name in _unhandled("x86_64", dialect, RX86_64) + [255]:
        e = _refusal(lambda: k.apply(name, S=0x1000, A=0, P=P))
        assert (e.log, e.errno) == ((f"module: {MOD}: Unknown rela relocation: {k.number(name)}",), "ENOEXEC")


@pytest.mark.parametrize("dialect", DIALECTS)
def test_x86_64_nonzero_field_is_refused_before_writing(dialect):
    k = reloc.kernel("x86_64", dialect)
    for name in k.handled():
        row = k.handler(name)
        if not row.width:
            continue
        data = bytes(row.width - 1) + b"\x01"
        e = _refusal(lambda: k.apply(name, S=0x1000, A=0x10, P=P, data=data))
        pc_relative = name in ("R_X86_64_PC32", "R_X86_64_PLT32", "R_X86_64_PC64")
        val = (0x1010 - P) & (2**64 - 1) if pc_relative else 0x1010
        assert e.log == (_nonzero_message(dialect, row.number, val),)
        assert (e.errno, e.data, e.rtype) == ("ENOEXEC", data, name)


def _nonzero_message(dialect: str, number: int, val: int) -> str:
    """6.1 words it "Skipping", and prints val before the PC-relative subtraction; 6.2-6.5's
    __write_relocate_add "Invalid", after it; 7.3 names the section and entry and prints loc %lx."""
    table = dialect_by_name(dialect).loader.reloc_tables
    if table == "6.1":
        return ("module: x86/modules: Skipping invalid relocation target, existing value is nonzero "
                f"for type {number}, loc {P:016x}, val 1010")
    if table == "6.12":
        return ("module: x86/modules: Invalid relocation target, existing value is nonzero "
                f"for type {number}, loc {P:016x}, val {val:x}")
    return ("module: x86/modules: Invalid relocation target, existing value is nonzero "
            f"for sec 0, idx 0, type {number}, loc {P:x}, val {val:x}")


@pytest.mark.parametrize("dialect", DIALECTS)
def test_riscv64_unknown_types_by_name_and_number(dialect):
    k = reloc.kernel("riscv64", dialect, module="cfbimgblt")
    for name in _unhandled("riscv64", dialect, RRiscv) + [62, 255, 2**32 - 1]:
        e = _refusal(lambda: k.apply(name, S=0x1000, A=0, P=P))
        assert (e.log, e.errno) == ((f"cfbimgblt: Unknown relocation type {k.number(name)}",), "EINVAL")


@pytest.mark.parametrize("dialect", DIALECTS)
def test_riscv64_align_is_refused(dialect):
    e = _refusal(lambda: reloc.kernel("riscv64", dialect, module=MOD).apply("R_RISCV_ALIGN", S=P, A=0, P=P))
    assert (e.message, e.errno) == (f"{MOD}: The unexpected relocation type 'R_RISCV_ALIGN' from PC = {P:016x}",
                                    "EINVAL")


@pytest.mark.parametrize("dialect", DIALECTS)
def test_riscv64_hi20_under_medlow(dialect):
    k = reloc.kernel("riscv64", dialect, module=MOD, cmodel_medlow=True)
    e = _refusal(lambda: k.apply("R_RISCV_HI20", S=0x1234, A=0x10, P=P, data=bytes.fromhex("37050000")))
    assert (e.message, e.errno) == (
        f"{MOD}: target {0x1244:016x} can not be addressed by the 32-bit offset from PC = {P:016x}", "EINVAL")
    assert reloc.kernel("riscv64", dialect).apply("R_RISCV_HI20", S=0x1234, A=0x10, P=P).data == bytes.fromhex("00100000")


@pytest.mark.parametrize("dialect", DIALECTS)
def test_riscv64_without_module_sections(dialect):
    """No riscv kernel with modules lacks CONFIG_MODULE_SECTIONS; the handlers still have the branch."""
    k = reloc.kernel("riscv64", dialect, module=MOD, module_sections=False)
    e = _refusal(lambda: k.apply("R_RISCV_GOT_HI20", S=0x1234, A=0, P=P))
    assert (e.message, e.errno) == (
        f"{MOD}: can not generate the GOT entry for symbol = {0x1234:016x} from PC = {P:016x}", "EINVAL")
    e = _refusal(lambda: k.apply("R_RISCV_CALL_PLT", S=0x1234, A=0, P=P))
    assert (e.message, e.errno) == (
        f"{MOD}: target {0x1234:016x} can not be addressed by the 32-bit offset from PC = {P:016x}", "EINVAL")


@pytest.mark.parametrize("dialect", DIALECTS)
def test_riscv64_pcrel_lo12_without_its_hi20(dialect):
    k = reloc.kernel("riscv64", dialect, module=MOD)
    for lo12 in ("R_RISCV_PCREL_LO12_I", "R_RISCV_PCREL_LO12_S"):
        e = _refusal(lambda: k.apply(lo12, S=P, A=0, P=P + 4))
        assert (e.message, e.errno) == (f"{MOD}: Can not find HI20 relocation information", "EINVAL")
        # in a section: the label names an address where no PCREL_HI20/GOT_HI20 sits (6.1 looks
        # only in the same relocation section, by address)
        section = (k.section(bytes.fromhex("1705000013050500"), P, {"x": P + 0x100})
                   .rela(0, "R_RISCV_HI20", "x").rela(4, lo12, P))
        e = _refusal(section.apply)
        assert (e.message, e.errno) == (f"{MOD}: Can not find HI20 relocation information", "EINVAL")


@pytest.mark.parametrize("dialect", DIALECTS)
def test_riscv64_unresolved_symbol_in_the_driver(dialect):
    """riscv's driver refuses a symbol simplify_symbols left as an error value, unless it is weak."""
    k = reloc.kernel("riscv64", dialect, module=MOD)
    err = 2**64 - 2  # -ENOENT as an address
    section = k.section(bytes(8), P, {"missing": err}).rela(0, "R_RISCV_64", "missing")
    e = _refusal(section.apply)
    assert (e.message, e.errno) == (f"{MOD}: Unknown symbol missing", "ENOENT")
    weak = k.section(bytes(8), P, {"missing": err}, weak=["missing"]).rela(0, "R_RISCV_64", "missing").apply()
    assert weak.data == bytes(8) and weak.records == ()


#: module-sections.c's BUG_ON lines (GOT, PLT) per table generation: 7.3 added an #include above them
BUG_LINES = {"6.1": (27, 53), "6.12": (27, 53), "7.3": (28, 54)}


@pytest.mark.parametrize("dialect", DIALECTS)
@pytest.mark.parametrize("rtype,which", [("R_RISCV_GOT_HI20", 0), ("R_RISCV_CALL_PLT", 1)])
def test_riscv64_entries_beyond_the_reserved_ones_oops(dialect, rtype, which):
    """Every kernel reserves GOT/PLT entries only for sections with an executable target: relocations
    that need one elsewhere overrun the reservation, a BUG_ON (an oops, no errno)."""
    line = BUG_LINES[dialect_by_name(dialect).loader.reloc_tables][which]
    k = reloc.kernel("riscv64", dialect)
    section = (k.section(bytes(16), P, {"a": 0x1000, "b": 0x2000}, executable=False)
               .rela(0, rtype, "a").rela(8, rtype, "b"))
    e = _refusal(section.apply)
    assert e.crash and e.errno is None
    assert e.message == f"kernel BUG at arch/riscv/kernel/module-sections.c:{line}!"
