"""The vectorised x86_64 relocation path gives exactly what the per-entry path gives.

Both paths load every x86_64 fixture module, untouched and with deliberate damage to one
relocation (an unknown type, a non-zero field, an overflowing R_X86_64_32S): the outcome,
messages and every byte of module memory must agree.
"""

from __future__ import annotations

import struct

import numpy as np
import pytest

from pymodpost.load.image import RELA_DTYPE
from pymodpost.load.pipeline import LoadOptions, load_module
from pymodpost.load.state import KernelState
from tests.conftest import TESTDATA, require
from tests.load.oracle_data import load_oracle, oracle_path, profile_for

KOS = sorted((TESTDATA / "x86_64").glob("*/*.ko"))
# modules that load on their own (no depends= on another fixture), for the damage tests
STANDALONE = [ko for ko in KOS if b"depends=\0" in ko.read_bytes()][:6]


@pytest.fixture(scope="module")
def profile():
    require(oracle_path("x86_64").is_file(), "no x86_64 oracle capture")
    return profile_for("x86_64", load_oracle("x86_64"))


def _both(profile, data: bytes):
    out = []
    for record in (True, False):
        state = KernelState(profile)
        out.append(load_module(data, state, LoadOptions(record=record)))
    return out


def _same(a, b):
    assert a.ok == b.ok
    assert [line.text for line in a.log] == [line.text for line in b.log]
    if not a.ok:
        assert (a.error.log, a.error.errno) == (b.error.log, b.error.errno)
    assert a.core == b.core and a.init == b.init


def _rela_sections(data: bytes):
    e_shoff, = struct.unpack_from("<Q", data, 0x28)
    shnum, = struct.unpack_from("<H", data, 0x3C)
    for i in range(shnum):
        sh_type, = struct.unpack_from("<I", data, e_shoff + 64 * i + 4)
        off, size = struct.unpack_from("<QQ", data, e_shoff + 64 * i + 24)
        if sh_type == 4 and size:
            yield off, size


def _text_relas(data: bytes):
    """(file offset of the entry, entry) of the relocations in the first RELA section with some."""
    for off, size in _rela_sections(data):
        arr = np.frombuffer(data, RELA_DTYPE, size // 24, off)
        return [(off + 24 * k, arr[k]) for k in range(len(arr))]
    return []


@pytest.mark.parametrize("ko", KOS, ids=lambda p: p.stem)
def test_untouched_modules(profile, ko):
    _same(*_both(profile, ko.read_bytes()))


@pytest.mark.parametrize("ko", STANDALONE, ids=lambda p: p.stem)
def test_unknown_type_midway(profile, ko):
    data = bytearray(ko.read_bytes())
    entries = _text_relas(bytes(data))
    at, entry = entries[len(entries) // 2]
    struct.pack_into("<Q", data, at + 8, (int(entry["r_info"]) & ~0xFFFFFFFF) | 9)  # R_X86_64_GOTPCREL
    a, b = _both(profile, bytes(data))
    assert not a.ok and "Unknown rela relocation: 9" in a.error.message
    _same(a, b)


@pytest.mark.parametrize("ko", STANDALONE, ids=lambda p: p.stem)
def test_overflowing_32s(profile, ko):
    data = bytearray(ko.read_bytes())
    entries = _text_relas(bytes(data))
    at, entry = entries[-1]
    # R_X86_64_32S against a module address with an addend pushing it out of the sign-extended range
    struct.pack_into("<Q", data, at + 8, (int(entry["r_info"]) & ~0xFFFFFFFF) | 11)
    struct.pack_into("<q", data, at + 16, 1 << 40)
    a, b = _both(profile, bytes(data))
    assert not a.ok and a.error.message.startswith("module: overflow in relocation type 11")
    _same(a, b)
