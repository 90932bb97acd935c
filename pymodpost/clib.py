"""The few C library behaviours modpost's output depends on, reproduced exactly.

modpost is written in C and several of its observable quirks come straight from libc: how
``strtoul`` accepts a number, what ``isspace`` counts as white space, that every string ends at
its first NUL byte, and glob matching with ``fnmatch(pattern, s, 0)``.  Python's own versions
differ in small ways (``int()`` accepts underscores, ``str.isspace`` knows Unicode), so the
modpost port uses these instead.
"""

from __future__ import annotations

import fnmatch as _fnmatch
import re
from functools import lru_cache

#: the characters C's isspace() accepts in the "C" locale
C_SPACE = " \t\n\v\f\r"
C_SPACE_BYTES = b" \t\n\v\f\r"

ULONG_MAX = (1 << 64) - 1

_HEX = "0123456789abcdefABCDEF"


def c_string(text: str) -> str:
    """``text`` as a C function would see it: cut at the first NUL."""
    nul = text.find("\0")
    return text if nul < 0 else text[:nul]


def strtoul(text: str, base: int = 0) -> tuple[int, int]:
    """glibc ``strtoul(text, &end, base)`` for base 0 or 16: ``(value, end index)``.

    Leading white space and a sign are accepted; a ``0x`` prefix only counts when a hex digit
    follows it; no digits at all leaves ``end`` at 0 (the start), as C does.  Overflow gives
    ULONG_MAX; a minus sign negates modulo 2**64.
    """
    i = 0
    n = len(text)
    while i < n and text[i] in C_SPACE:
        i += 1
    negative = False
    if i < n and text[i] in "+-":
        negative = text[i] == "-"
        i += 1
    if base in (0, 16) and i + 1 < n and text[i] == "0" and text[i + 1] in "xX" \
            and i + 2 < n and text[i + 2] in _HEX:
        i += 2
        base = 16
    elif base == 0:
        base = 8 if i < n and text[i] == "0" else 10
    start = i
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"[:base]
    while i < n and text[i].lower() in digits:
        i += 1
    if i == start:
        return 0, 0
    value = int(text[start:i], base)
    if value > ULONG_MAX:
        value = ULONG_MAX
    elif negative:
        value = (-value) & ULONG_MAX
    return value, i


def remove_dot(name: str) -> str:
    """modpost's remove_dot(): ``foo.123`` and ``foo.12.part`` become ``foo``.

    The first dot, if it is not the first character and is followed by one or more digits and
    then another dot or the end, cuts the name there.  ``foo.constprop.0`` and ``.LC0`` stay.
    """
    n = name.find(".")
    if n <= 0:
        return name
    m = n + 1
    end = len(name)
    while m < end and name[m] in "0123456789":
        m += 1
    if m > n + 1 and (m == end or name[m] == "."):
        return name[:n]
    return name


@lru_cache(maxsize=4096)
def _glob_regex(pattern: str) -> re.Pattern[str]:
    # fnmatch.translate gives the same language as fnmatch(3) without flags for the
    # patterns modpost uses ('*', '?', '[...]'); '/' and leading '.' are ordinary characters
    # there too because FNM_PATHNAME/FNM_PERIOD are not set.
    return re.compile(_fnmatch.translate(pattern), re.DOTALL)


@lru_cache(maxsize=1 << 16)
def glob_match(name: str, patterns: tuple[str, ...]) -> bool:
    """modpost's match(): does ``name`` match any of the shell ``patterns``? (cached: section
    names repeat across thousands of objects)"""
    for pattern in patterns:
        if _glob_regex(pattern).match(name):
            return True
    return False


def basename(path: str) -> str:
    """Text after the last '/', as modpost takes it with strrchr."""
    return path.rsplit("/", 1)[-1]
