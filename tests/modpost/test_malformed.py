"""Malformed objects never crash pymodpost-modpost: every mutation of a real object ends in a result
(a modpost-style message and status), never a Python exception, a MemoryError or a hang."""

from __future__ import annotations

import random
import struct

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import TESTDATA

SOURCES = [TESTDATA / "x86_64" / n / f"{n}.o" for n in ("devtables", "mismatch", "exports")]
SOURCES += [TESTDATA / "riscv64" / n / f"{n}.o" for n in ("devtables", "mismatch")]


def _run(tmp_path, data: bytes, extra=()):
    from pymodpost.modpost import run

    obj = tmp_path / "m.o"
    obj.write_bytes(data)
    (tmp_path / "m.mod").write_text("m.o\n")
    (tmp_path / ".m.o.cmd").write_text("\n")
    result = run([*extra, "-o", "out", "m.o"], cwd=str(tmp_path), write=False)
    assert result.status in (0, 1)
    assert all(d.text for d in result.diagnostics)
    return result


def _fields(data: bytes):
    """Offsets of interesting header fields of a 64-bit little-endian ELF object."""
    shoff = struct.unpack_from("<Q", data, 0x28)[0]
    shnum = struct.unpack_from("<H", data, 0x3C)[0]
    spots = [0x10, 0x12, 0x28, 0x3A, 0x3C, 0x3E]
    for i in range(shnum):
        base = shoff + i * 64
        spots += [base + 0, base + 4, base + 24, base + 32, base + 40, base + 44, base + 56]
    return spots


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.integers(0, len(SOURCES) - 1), st.randoms(use_true_random=False), st.integers(1, 6))
def test_mutated_headers(tmp_path, which, rnd: random.Random, flips):
    data = bytearray(SOURCES[which].read_bytes())
    spots = _fields(bytes(data))
    for _ in range(flips):
        at = rnd.choice(spots)
        width = rnd.choice([1, 2, 4, 8])
        value = rnd.choice([0, 1, 0xFF, 0xFFFF, 0xFFFFFFFF, rnd.getrandbits(8 * width), len(data), len(data) + 1])
        data[at:at + width] = (value & ((1 << (8 * width)) - 1)).to_bytes(width, "little")
    _run(tmp_path, bytes(data[:len(SOURCES[which].read_bytes())]))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.integers(0, len(SOURCES) - 1), st.floats(0, 1))
def test_truncated(tmp_path, which, fraction):
    data = SOURCES[which].read_bytes()
    _run(tmp_path, data[:int(len(data) * fraction)], extra=("-m",))


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.integers(0, len(SOURCES) - 1), st.randoms(use_true_random=False))
def test_random_bytes_in_body(tmp_path, which, rnd: random.Random):
    data = bytearray(SOURCES[which].read_bytes())
    for _ in range(20):
        at = rnd.randrange(64, len(data))
        data[at] = rnd.getrandbits(8)
    _run(tmp_path, bytes(data))
