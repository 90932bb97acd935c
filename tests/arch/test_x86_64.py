"""x86_64 relocation handlers against the bytes GNU ld wrote for the same S, A and P."""

from __future__ import annotations

import pytest

from pymodpost.arch import x86_64 as x86
from pymodpost.errors import KernelError
from tests.arch.cases import case_id, expected_bytes, load_cases

DATA = load_cases("x86_64")
BY_NAME = {row.name: row for row in x86.HANDLERS}
# 6.1 checks these two after writing; ld reports the same overflows
CHECKED = {"R_X86_64_32", "R_X86_64_32S"}


@pytest.mark.parametrize("case", DATA["cases"], ids=case_id)
def test_handler_matches_ld(case):
    row = BY_NAME[case["type"]]
    mem = bytearray(bytes.fromhex(case["template"]))
    env = x86.X86Env("demo")
    if case["type"] in CHECKED and case["ld"] == "overflow":
        with pytest.raises(KernelError) as e:
            row.apply(mem, 0, case["S"], case["A"], case["P"], env)
        val = (case["S"] + case["A"]) & (2**64 - 1)
        assert e.value.log == (
            f"module: overflow in relocation type {row.number} val {val:x}",
            "module: `demo' likely not compiled with -mcmodel=kernel",
        )
        assert e.value.errno == "ENOEXEC"
        # the write happened before the check, truncated like ld's
        assert bytes(mem) == bytes.fromhex(case["bytes"])
    else:
        row.apply(mem, 0, case["S"], case["A"], case["P"], env)
        assert bytes(mem) == expected_bytes(case)


def test_every_handled_type_has_a_case():
    covered = {c["type"] for c in DATA["cases"]}
    assert covered == set(BY_NAME)


def test_table_is_what_6_1_handles():
    assert sorted(x86.HANDLERS.rows) == [0, 1, 2, 4, 10, 11, 24]


@pytest.mark.parametrize("rtype", [3, 5, 6, 7, 8, 9, 12, 13, 14, 15, 41, 42])
def test_unhandled_types_are_refused(rtype):
    with pytest.raises(KernelError) as e:
        x86.HANDLERS.lookup(rtype, x86.X86Env("demo"))
    assert e.value.message == f"module: demo: Unknown rela relocation: {rtype}"
    assert e.value.errno == "ENOEXEC" and e.value.err == -8


@pytest.mark.parametrize(
    "fn,width,number",
    [(x86.r_x86_64_64, 8, 1), (x86.r_x86_64_32, 4, 10), (x86.r_x86_64_32s, 4, 11),
     (x86.r_x86_64_pc32, 4, 2), (x86.r_x86_64_plt32, 4, 4), (x86.r_x86_64_pc64, 8, 24)],
)
def test_nonzero_target_is_refused_before_writing(fn, width, number):
    mem = bytearray(width)
    mem[width - 1] = 1
    with pytest.raises(KernelError) as e:
        fn(mem, 0, 0x1000, 0x10, 0xFFFFFFFFC0001000)
    assert e.value.message == (
        "module: x86/modules: Skipping invalid relocation target, existing value is nonzero "
        f"for type {number}, loc ffffffffc0001000, val 1010"
    )
    assert mem[width - 1] == 1 and not any(mem[: width - 1])


def test_none_leaves_nonzero_bytes_alone():
    mem = bytearray(b"\x12\x34\x56\x78")
    x86.r_x86_64_none(mem, 0, 5, 6, 7)
    assert mem == b"\x12\x34\x56\x78"


class _Space:
    def __init__(self, base, mem):
        self.base, self.mem = base, mem

    def locate(self, addr, width):
        return self.mem, addr - self.base


class _Syms:
    def __init__(self, values):
        self.values = values

    def is_weak(self, i):
        return False

    def name(self, i):
        return f"sym{i}"


def test_driver_applies_in_order_and_records():
    base = 0xFFFFFFFFC0001000
    mem = bytearray(16)
    relas = [(0, (1 << 32) | 2, -4), (4, (1 << 32) | 0, 0), (8, (2 << 32) | 1, 8)]
    records = []
    x86.apply_relocate_add(_Space(base, mem), base, relas, _Syms([0, base + 0x100, 0x1234]), x86.X86Env("m"), records)
    assert mem[:4] == (0x100 - 4).to_bytes(4, "little")
    assert mem[8:16] == (0x1234 + 8).to_bytes(8, "little")
    assert [r.name for r in records] == ["R_X86_64_PC32", "R_X86_64_64"]
    assert records[0].before == bytes(4) and records[0].after == mem[:4]


def test_driver_stops_at_first_refusal():
    base = 0x1000
    mem = bytearray(8)
    relas = [(0, (1 << 32) | 9, 0), (4, (1 << 32) | 2, 0)]
    with pytest.raises(KernelError, match="Unknown rela relocation: 9"):
        x86.apply_relocate_add(_Space(base, mem), base, relas, _Syms([0, 0x2000]), x86.X86Env("m"))
    assert mem == bytes(8)


@pytest.mark.parametrize("row", list(x86.HANDLERS), ids=lambda r: r.name)
def test_a_field_past_the_buffer_is_a_value_error_and_leaves_it_alone(row):
    if not row.width:
        return
    mem = bytearray(4)
    with pytest.raises(ValueError, match=rf"relocation field at offset 10 \({row.width} bytes\) does not fit in the 4 bytes"):
        row.apply(mem, 10, 0x1100, -4, 0x1000, x86.X86Env())
    assert mem == bytes(4)
