"""The kernel's own riscv module-linking KUnit cases (arch/riscv/kernel/tests/module_test/, Linux
6.7+, module ``test_module_linking``) re-expressed with the kit.

Each case is the relocations one of the suite's assembly files puts on a data field, with the
labels as symbols.  The module links every file's ``.data`` into one section, so its fields are
relocated by one ``.rela.data`` of some twenty entries; the cases run the same way here (a lone
accumulated relocation in a one-entry section would meet 6.7's zero-bit hash, which the module
never does).  The suite exists since 6.7, whose relocation table accumulates ADD/SUB/SET/
ULEB128; a 6.1 kernel cannot load the module and refuses at the first type it has no handler
for, with its real message.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from pymodpost import reloc

#: the dialects these cases are written for beyond 6.1
NEWER_DIALECTS = ("6.12", "7.3")
MODULE = "test_module_linking"
TEXT = 0xFFFFFFFF01000000  # the functions and the labels they measure between
DATA = 0xFFFFFFFF01002000  # the relocated fields


@dataclass(frozen=True)
class KunitCase:
    name: str
    placeholder: bytes  #: the field as assembled
    relas: tuple[tuple[str, str], ...]  #: (type, symbol) at the field, in file order
    symbols: dict[str, int]
    expected: bytes  #: what the test function checks the field holds (6.7+)


def _sub(width: int, add: str, sub: str, placeholder: int) -> KunitCase:
    """test_subN: ADDN second, SUBN first across ``first: .space 32; second:`` -> 32."""
    return KunitCase(f"sub{width}", bytes(placeholder), ((add, "second"), (sub, "first")),
                     {"first": TEXT + 12, "second": TEXT + 44}, (32).to_bytes(placeholder, "little"))


def _set(bits: int, rtype: str) -> KunitCase:
    """test_setN: SETN of the field's own address; the function compares with `la` cut to N bits."""
    own = DATA
    value = (own & ((1 << bits) - 1)).to_bytes((bits + 7) // 8, "little")
    return KunitCase(f"set{bits}", bytes(4), ((rtype, "self"),), {"self": own}, value.ljust(4, b"\0"))


def _uleb(name: str, distance: int, encoded: bytes) -> KunitCase:
    """test_uleb_*: SET_ULEB128 of the field, SUB_ULEB128 of a label ``distance`` bytes before."""
    return KunitCase(name, bytes(4), (("R_RISCV_SET_ULEB128", "self"), ("R_RISCV_SUB_ULEB128", "before")),
                     {"self": DATA, "before": DATA - distance}, encoded.ljust(4, b"\0"))


#: the cases in the module's link order (Makefile: test_sub*, test_set*, test_uleb128)
CASES = [
    KunitCase("sub6", bytes(1), (("R_RISCV_SET6", "second"), ("R_RISCV_SUB6", "first")),
              {"first": TEXT + 12, "second": TEXT + 44}, bytes([32])),
    _sub(8, "R_RISCV_ADD8", "R_RISCV_SUB8", 1), _sub(16, "R_RISCV_ADD16", "R_RISCV_SUB16", 2),
    _sub(32, "R_RISCV_ADD32", "R_RISCV_SUB32", 4), _sub(64, "R_RISCV_ADD64", "R_RISCV_SUB64", 8),
    _set(6, "R_RISCV_SET6"), _set(8, "R_RISCV_SET8"), _set(16, "R_RISCV_SET16"), _set(32, "R_RISCV_SET32"),
    _uleb("uleb_basic", 127, b"\x7f"), _uleb("uleb_large", 1000, b"\xe8\x07"),
]

#: what 6.1 does with each case on its own: the relocation type it refuses first, or None when its
#: in-place ADD/SUB handlers already give the KUnit result (on zeroed fields, as here)
REFUSED_BY_6_1 = {"set32": 56, "set16": 55, "set8": 54, "set6": 53, "sub64": None, "sub32": None,
                  "sub16": 34, "sub8": 33, "sub6": 53, "uleb_basic": 60, "uleb_large": 60}
SLOT = 16  # bytes between the fields in the combined section


def _module_data(dialect: str):
    """All cases' fields in one data section, relocated by one relocation section, as in the module."""
    k = reloc.kernel("riscv64", dialect, module=MODULE)
    symbols = {}
    for n, case in enumerate(CASES):
        field = DATA + SLOT * n
        # the case's labels, moved with its field (a case measures between its own labels)
        symbols.update({f"{case.name}.{label}": value - DATA + field for label, value in case.symbols.items()})
    section = k.section(bytes(SLOT * len(CASES)), DATA, symbols, executable=False)
    for n, case in enumerate(CASES):
        for rtype, symbol in case.relas:
            section.rela(SLOT * n, rtype, f"{case.name}.{symbol}")
    return section


def _expected(case: KunitCase, n: int) -> bytes:
    """A set case's value is its field's own low bits: its field sits at slot n here."""
    if case.name.startswith("set"):
        bits = int(case.name[3:])
        return ((DATA + SLOT * n) & ((1 << bits) - 1)).to_bytes(4, "little")
    return case.expected


def _accumulates(dialect: str) -> bool:
    """Whether the dialect's table has the suite's types (SET6 stands for them all)."""
    return reloc.kernel("riscv64", dialect).handler("R_RISCV_SET6") is not None


def test_newer_dialects_accumulate():
    assert set(NEWER_DIALECTS) <= set(reloc.dialect_names())
    assert all(_accumulates(d) for d in NEWER_DIALECTS)


@pytest.mark.parametrize("dialect", reloc.dialect_names())
@pytest.mark.parametrize("n,case", list(enumerate(CASES)), ids=[c.name for c in CASES])
def test_kunit_case(dialect, n, case):
    if _accumulates(dialect):
        data = _module_data(dialect).apply().data
        assert data[SLOT * n:SLOT * n + len(case.expected)] == _expected(case, n)
        assert data[SLOT * n + len(case.expected):SLOT * (n + 1)] == bytes(SLOT - len(case.expected))
        return
    k = reloc.kernel("riscv64", dialect, module=MODULE)
    section = k.section(case.placeholder, DATA, case.symbols, executable=False)
    for rtype, symbol in case.relas:
        section.rela(0, rtype, symbol)
    refused_type = REFUSED_BY_6_1[case.name]
    if refused_type is None:
        assert section.apply().data == case.expected
    else:
        with pytest.raises(reloc.Refused) as e:
            section.apply()
        assert (e.value.log, e.value.errno) == ((f"{MODULE}: Unknown relocation type {refused_type}",), "EINVAL")


@pytest.mark.parametrize("dialect", reloc.dialect_names())
def test_the_module_on_each_kernel(dialect):
    """The whole .rela.data: 6.1 stops at the first entry, SET6 of test_sub6; 6.7+ logs nothing."""
    if _accumulates(dialect):
        assert _module_data(dialect).apply().log == ()
    else:
        with pytest.raises(reloc.Refused) as e:
            _module_data(dialect).apply()
        assert e.value.log == (f"{MODULE}: Unknown relocation type 53",)
