"""Binary layouts of the fixed-size ELF records, as numpy dtypes and struct formats.

Keyed by ``(elfclass, little)`` where elfclass is 32 or 64.  numpy reads the tables straight out
of the file bytes (``np.frombuffer``): no copy and no per-entry Python work.  Offsets in the file
need not be aligned; numpy handles unaligned views.
"""

from __future__ import annotations

import struct
from functools import lru_cache

import numpy as np


def _order(little: bool) -> str:
    return "<" if little else ">"


@lru_cache(maxsize=None)
def header_struct(elfclass: int, little: bool) -> struct.Struct:
    """e_ident (16 bytes) followed by the e_* fields, in file order."""
    addr = "Q" if elfclass == 64 else "I"
    return struct.Struct(f"{_order(little)}16sHHI{addr}{addr}{addr}IHHHHHH")


@lru_cache(maxsize=None)
def shdr_dtype(elfclass: int, little: bool) -> np.dtype:
    o = _order(little)
    w = f"{o}u8" if elfclass == 64 else f"{o}u4"
    u4 = f"{o}u4"
    return np.dtype([
        ("name", u4), ("type", u4), ("flags", w), ("addr", w), ("offset", w), ("size", w),
        ("link", u4), ("info", u4), ("addralign", w), ("entsize", w),
    ])


@lru_cache(maxsize=None)
def sym_dtype(elfclass: int, little: bool) -> np.dtype:
    o = _order(little)
    if elfclass == 64:
        return np.dtype([("name", f"{o}u4"), ("info", "u1"), ("other", "u1"), ("shndx", f"{o}u2"),
                         ("value", f"{o}u8"), ("size", f"{o}u8")])
    return np.dtype([("name", f"{o}u4"), ("value", f"{o}u4"), ("size", f"{o}u4"), ("info", "u1"),
                     ("other", "u1"), ("shndx", f"{o}u2")])


@lru_cache(maxsize=None)
def rel_dtype(elfclass: int, little: bool, rela: bool) -> np.dtype:
    o = _order(little)
    if elfclass == 64:
        fields = [("offset", f"{o}u8"), ("info", f"{o}u8")]
        if rela:
            fields.append(("addend", f"{o}i8"))
    else:
        fields = [("offset", f"{o}u4"), ("info", f"{o}u4")]
        if rela:
            fields.append(("addend", f"{o}i4"))
    return np.dtype(fields)


@lru_cache(maxsize=None)
def rel_view_dtype(elfclass: int, little: bool, rela: bool) -> np.dtype:
    """:func:`rel_dtype` plus ``sym`` and ``type`` fields overlaying r_info, for ELF64 where
    both are whole 32-bit words (symbol in the high half), so reading them costs no shifting."""
    base = rel_dtype(elfclass, little, rela)
    if elfclass != 64:
        return base
    o = _order(little)
    names = list(base.names) + ["type", "sym"]
    formats = [base.fields[n][0] for n in base.names] + [f"{o}u4", f"{o}u4"]
    offsets = [base.fields[n][1] for n in base.names] + ([8, 12] if little else [12, 8])
    return np.dtype({"names": names, "formats": formats, "offsets": offsets,
                     "itemsize": base.itemsize})


@lru_cache(maxsize=None)
def word_dtype(little: bool) -> np.dtype:
    """A 32-bit word (group members, SHT_SYMTAB_SHNDX entries)."""
    return np.dtype(f"{_order(little)}u4")


def r_info_split(elfclass: int, info: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(symbol index, type) arrays from an r_info array.

    ELF64: symbol in the high 32 bits, type in the low 32; ELF32: symbol in the high 24 bits,
    type in the low 8.  MIPS64 little-endian stores r_info in its own odd layout (a 32-bit symbol
    then four one-byte fields); pymodpost does not model MIPS, so that layout is not decoded.
    """
    info = info.astype(np.uint64, copy=False)
    if elfclass == 64:
        return (info >> np.uint64(32)).astype(np.int64), (info & np.uint64(0xFFFFFFFF)).astype(np.int64)
    return (info >> np.uint64(8)).astype(np.int64), (info & np.uint64(0xFF)).astype(np.int64)


def r_info_join(elfclass: int, sym: int, rtype: int) -> int:
    if elfclass == 64:
        return (sym << 32) | (rtype & 0xFFFFFFFF)
    return (sym << 8) | (rtype & 0xFF)
