"""ELF string tables as BFD's ``elf-strtab.c`` builds them.

Strings are kept in the order they were first added; at the end every string that is the tail
of a longer one is dropped and pointed into that longer string (``_bfd_elf_strtab_finalize``),
so the bytes and offsets match what GNU ld writes.
"""

from __future__ import annotations


class StringTable:
    def __init__(self) -> None:
        self._index: dict[bytes, int] = {}
        self._strings: list[bytes] = []
        self._offsets: list[int] | None = None
        self._blob = b""

    def add(self, s: str | bytes) -> int:
        """Add a string; returns a handle for :meth:`offset` (0 is the empty string)."""
        b = s.encode("utf-8", "surrogateescape") if isinstance(s, str) else s
        if not b:
            return -1
        i = self._index.get(b)
        if i is None:
            i = self._index[b] = len(self._strings)
            self._strings.append(b)
        return i

    def finalize(self) -> bytes:
        strings = self._strings
        order = sorted(range(len(strings)), key=lambda i: strings[i][::-1])
        # walk from the end: a string that is the tail of the kept one above it shares it
        suffix_of: dict[int, int] = {}
        if order:
            keep = order[-1]
            for i in reversed(order[:-1]):
                a, b = strings[keep], strings[i]
                if len(a) > len(b) and a.endswith(b):
                    suffix_of[i] = keep
                else:
                    keep = i
        offsets = [0] * len(strings)
        parts = [b"\0"]
        pos = 1
        for i, s in enumerate(strings):
            if i not in suffix_of:
                offsets[i] = pos
                parts.append(s + b"\0")
                pos += len(s) + 1
        for i, k in suffix_of.items():
            offsets[i] = offsets[k] + len(strings[k]) - len(strings[i])
        self._offsets = offsets
        self._blob = b"".join(parts)
        return self._blob

    def offset(self, handle: int) -> int:
        if handle < 0:
            return 0
        assert self._offsets is not None, "finalize() first"
        return self._offsets[handle]
