"""The C-library behaviours modpost relies on, checked against the real C library (glibc via ctypes)."""

from __future__ import annotations

import ctypes
import ctypes.util

from hypothesis import given, settings
from hypothesis import strategies as st

from pymodpost.clib import glob_match, strtoul

libc = ctypes.CDLL(ctypes.util.find_library("c"))
libc.strtoul.restype = ctypes.c_ulong
libc.strtoul.argtypes = [ctypes.c_char_p, ctypes.POINTER(ctypes.c_char_p), ctypes.c_int]
libc.fnmatch.restype = ctypes.c_int
libc.fnmatch.argtypes = [ctypes.c_char_p, ctypes.c_char_p, ctypes.c_int]

NUMBERISH = st.text(alphabet=" \t+-0123456789abcdefxXgG_\n", max_size=24)


def c_strtoul(text: str, base: int) -> tuple[int, int]:
    raw = text.encode()
    buf = ctypes.create_string_buffer(raw)
    end = ctypes.c_char_p()
    value = libc.strtoul(buf, ctypes.byref(end), base)
    return value, ctypes.cast(end, ctypes.c_void_p).value - ctypes.addressof(buf)


@settings(max_examples=400)
@given(NUMBERISH, st.sampled_from([0, 16]))
def test_strtoul_matches_glibc(text, base):
    assert strtoul(text, base) == c_strtoul(text, base)


def test_strtoul_edges():
    for text in ["0x", "0x1g", "  -1", "0xffffffffffffffffff", "077", "08", "+0x10", ""]:
        for base in (0, 16):
            assert strtoul(text, base) == c_strtoul(text, base), (text, base)


SECTIONISH = st.text(alphabet=".abcdeit_-*?[]!", max_size=12)


@settings(max_examples=400)
@given(SECTIONISH, st.sampled_from([".init.*", ".text", ".text.*", "*driver", "___ksymtab*", "*.constprop.*",
                                     ".debug*", "*_probe_one", ".data"]))
def test_glob_matches_fnmatch(name, pattern):
    assert glob_match(name, (pattern,)) == (libc.fnmatch(pattern.encode(), name.encode(), 0) == 0)
