"""x86_64's ``__write_relocate_add`` (6.12.118 and 7.3.4, arch/x86/kernel/module.c): the order of its
checks and its messages, which name the relocation section and entry in 7.3."""

from __future__ import annotations

import pytest

from pymodpost.arch import x86_64, x86_64_v6_12, x86_64_v7_3
from pymodpost.arch.common import RelocRecord
from pymodpost.errors import KernelError
from pymodpost.load.relocate import ModuleMemory

BASE = 0xFFFFFFFFC0001000
OVER_32S = 0xFF81076650


class _Symbols:
    def __init__(self, *values):
        self.values = [0, *values]

    def is_weak(self, index):
        return False

    def name(self, index):
        return f"s{index}"


def _run(module, data, relas, **where):
    mem = bytearray(data)
    module.apply_relocate_add(ModuleMemory([(BASE, mem)]), BASE, relas, _Symbols(0x1000, OVER_32S), x86_64.X86Env("m"),
                              **where)
    return mem


def _refusal(module, data, relas, **where):
    mem = bytearray(data)
    with pytest.raises(KernelError) as e:
        module.apply_relocate_add(ModuleMemory([(BASE, mem)]), BASE, relas, _Symbols(0x1000, OVER_32S),
                                  x86_64.X86Env("m"), **where)
    return e.value, bytes(mem)


R32S = 11
R64 = 1
NONE = 0


@pytest.mark.parametrize("module", [x86_64_v6_12, x86_64_v7_3])
def test_overflow_is_checked_before_the_field_and_nothing_is_written(module):
    err, mem = _refusal(module, b"\x01" + bytes(7), [(0, (2 << 32) | R32S, 0)])
    assert err.log[0].startswith(f"module: overflow in relocation type 11 val {OVER_32S:x}")
    assert mem == b"\x01" + bytes(7)  # 6.1 reports the non-zero field here instead
    err61, mem61 = _refusal(x86_64, b"\x01" + bytes(7), [(0, (2 << 32) | R32S, 0)])
    assert "Skipping invalid relocation target" in err61.message and mem61 == mem


def test_6_1_writes_an_overflowing_value_before_refusing_and_6_12_does_not():
    _, written = _refusal(x86_64, bytes(4), [(0, (2 << 32) | R32S, 0)])
    _, untouched = _refusal(x86_64_v6_12, bytes(4), [(0, (2 << 32) | R32S, 0)])
    assert written == (OVER_32S & 0xFFFFFFFF).to_bytes(4, "little") and untouched == bytes(4)


def test_7_3_names_the_section_and_the_entry():
    relas = [(0, (1 << 32) | R64, 0), (8, NONE, 0), (16, (2 << 32) | R32S, 0)]
    err, _ = _refusal(x86_64_v7_3, bytes(24), relas, relsec=5)
    assert err.log == (f"module: overflow in relocation type 11 val {OVER_32S:x} sec 5 idx 2",
                       "module: `m' likely not compiled with -mcmodel=kernel")
    err, _ = _refusal(x86_64_v7_3, bytes(8) + b"\x02" + bytes(7), [(8, (1 << 32) | R64, 0)], relsec=7, first_index=12)
    assert err.log == (f"module: x86/modules: Invalid relocation target, existing value is nonzero for sec 7, idx 12, "
                       f"type 1, loc {BASE + 8:x}, val 1000",)
    assert err.errno == "ENOEXEC"


def test_6_12_words_the_non_zero_field_anew():
    err, _ = _refusal(x86_64_v6_12, b"\x02" + bytes(7), [(0, (1 << 32) | R64, 0)], relsec=3)
    assert err.log == (f"module: x86/modules: Invalid relocation target, existing value is nonzero for type 1, "
                       f"loc {BASE:016x}, val 1000",)


@pytest.mark.parametrize("module", [x86_64, x86_64_v6_12, x86_64_v7_3])
def test_the_same_bytes_where_nothing_is_refused(module):
    relas = [(0, (1 << 32) | R64, 0x10), (8, NONE, 0), (8, (1 << 32) | 2, -4), (12, (1 << 32) | 4, -4),
             (16, (1 << 32) | 24, 0)]
    records: list[RelocRecord] = []
    mem = bytearray(24)
    module.apply_relocate_add(ModuleMemory([(BASE, mem)]), BASE, relas, _Symbols(0x1000, OVER_32S),
                              x86_64.X86Env("m"), records)
    assert bytes(mem) == bytes(_run(x86_64, bytes(24), relas))
    assert [r.index for r in records] == [0, 2, 3, 4]  # R_X86_64_NONE: no record
