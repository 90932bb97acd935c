"""Symbol addresses from ``/proc/kallsyms`` captures or a real ``System.map``.

Both are lines of ``ADDRESS TYPE NAME`` (kallsyms adds ``\t[module]`` for module symbols, which
are skipped: only vmlinux is described).  Debian ships a one-line stub System.map; it is recognised
and treated as having no addresses.
"""

from __future__ import annotations

import lzma
import os

from pymodpost.errors import InputError
from pymodpost.fileio import read_bytes

STUB_MARKER = b"The real System.map is in"


def read_text_maybe_xz(path: str | os.PathLike) -> bytes:
    data = read_bytes(path)
    if os.fspath(path).endswith(".xz"):
        try:
            data = lzma.decompress(data)
        except lzma.LZMAError as e:
            raise InputError(os.fspath(path), f"not a valid xz file ({e})") from None
    return data


def parse_symbol_map(data: bytes, path: str = "<kallsyms>") -> dict[str, int]:
    """name -> address of the vmlinux symbols; a global definition wins over local ones.

    Returns an empty dict for Debian's stub System.map.
    """
    if STUB_MARKER in data[:200]:
        return {}
    globals_: dict[str, int] = {}
    locals_: dict[str, int] = {}
    for lineno, line in enumerate(data.splitlines(), 1):
        parts = line.split()
        if not parts:
            continue
        if len(parts) < 3:
            raise InputError(path, f"line {lineno}: expected 'ADDRESS TYPE NAME'")
        if len(parts) > 3:  # "[module]": a loaded module's symbol, not the kernel's
            continue
        try:
            addr = int(parts[0], 16)
        except ValueError:
            raise InputError(path, f"line {lineno}: bad address {parts[0]!r}") from None
        name = parts[2].decode("utf-8", "surrogateescape")
        table = globals_ if parts[1][:1].isupper() else locals_
        table.setdefault(name, addr)
    for name, addr in locals_.items():
        globals_.setdefault(name, addr)
    return globals_
