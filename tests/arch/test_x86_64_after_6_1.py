"""x86_64's ``__write_relocate_add`` (6.12.118 and 7.3.4, arch/x86/kernel/module.c): the order of its
checks and its messages, which name the relocation section and entry in 7.3."""

from __future__ import annotations

import json
import re

import pytest

from pymodpost.arch import x86_64, x86_64_v6_12, x86_64_v7_3
from pymodpost.arch.common import RelocRecord
from pymodpost.errors import KernelError
from pymodpost.load.relocate import ModuleMemory
from tests.conftest import TESTDATA

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


# --- against the real kernels' lines (testdata/arch/x86_reloc_edges/kernel_logs.json) -------------

LOGS = json.loads((TESTDATA / "arch" / "x86_reloc_edges" / "kernel_logs.json").read_text())["runs"]
GENERATION = {"7.3": x86_64_v7_3, "6.12": x86_64_v6_12}
#: the data section of each module as the .S files lay it out: (offset, type, symbol at offset 0, field)
LAYOUT = {"px_nonzero.ko": [(0x10, R64, (5).to_bytes(8, "little"))],
          "px_over.ko": [(0x8, R64, bytes(8)), (0x10, 10, (7).to_bytes(4, "little"))]}


def _kernel_lines(kernel: str, module: str) -> list[str]:
    (load,) = [entry for entry in LOGS[kernel]["loads"] if entry["module"] == module]
    assert load["errno"] == "ENOEXEC"
    return [line for line in load["messages"] if line.startswith("module: ")]


@pytest.mark.parametrize("kernel", sorted(LOGS))
@pytest.mark.parametrize("module", sorted(LAYOUT))
def test_the_real_kernels_lines(kernel, module):
    """Our driver of that kernel's table, with the data section where the kernel had it (read back
    from its val: the address of the symbol at offset 0), prints the kernel's lines; 6.12 hashes
    %p (here "(____ptrval____)", before the hashing key exists), ours prints the address."""
    lines = _kernel_lines(kernel, module)
    base = int(re.search(r"val ([0-9a-f]+)", lines[0]).group(1), 16)
    layout = LAYOUT[module]
    data = bytearray(max(off + len(field) for off, _, field in layout))
    for off, _, field in layout:
        data[off:off + len(field)] = field
    relas = [(off, (1 << 32) | rtype, 0) for off, rtype, _ in layout]

    class Symbols(_Symbols):
        def __init__(self):
            self.values = [0, base]

    env = x86_64.X86Env(module[:-3])
    with pytest.raises(KernelError) as e:
        GENERATION[kernel].apply_relocate_add(ModuleMemory([(base, data)]), base, relas, Symbols(), env, relsec=12)
    ours = list(e.value.log)
    if kernel == "6.12":
        ours = [re.sub(r"loc [0-9a-f]{16}", "loc (____ptrval____)", line) for line in ours]
    assert ours == lines
