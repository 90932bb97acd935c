"""Building ELF string tables the way GNU binutils does.

BFD (used by both ``as`` and ``ld``) collects strings in the order they are added, drops
duplicates, and -- when the table is finalised -- lets a string that is the tail of another share
that string's bytes ("tail merging": ``.text`` points into ``.rela.init.text``).  Which longer
string a tail lands in follows from BFD's procedure: sort the strings by their reversed bytes,
walk the sorted list from the end, and merge each string into the current chain head when it is
a proper suffix of it; otherwise it becomes the new head.  The survivors are laid out in
insertion order after the leading NUL.  Checked byte for byte against real ``as``/``ld -r``
output by tests/elf/test_writer.py.
"""

from __future__ import annotations


class StringTableBuilder:
    """Collects strings, then produces the table bytes and each string's offset.

    With ``tail_merge=False`` each distinct string is appended as it is added and :meth:`add`
    returns its final offset at once.  With ``tail_merge=True`` (binutils' behaviour) the
    offset :meth:`add` returns is provisional (the unmerged position); call :meth:`finalize`
    (or :meth:`data`) and then :meth:`offset` for the final ones.
    """

    def __init__(self, tail_merge: bool = False):
        self.tail_merge = tail_merge
        self._order: dict[bytes, int] = {}  # string -> provisional offset, in insertion order
        self._size = 1  # the leading NUL
        self._final: dict[bytes, int] | None = None
        self._data: bytes | None = None

    @staticmethod
    def _encode(name: str | bytes) -> bytes:
        raw = name if isinstance(name, bytes) else name.encode("utf-8", "surrogateescape")
        if b"\0" in raw:
            raise ValueError(f"string table entry contains a NUL byte: {raw!r}")
        return raw

    def add(self, name: str | bytes) -> int:
        raw = self._encode(name)
        if not raw:
            return 0
        if raw not in self._order:
            if self._final is not None:
                raise ValueError("string table already finalized")
            self._order[raw] = self._size
            self._size += len(raw) + 1
        return self._order[raw]

    def __contains__(self, name: str | bytes) -> bool:
        raw = self._encode(name)
        return not raw or raw in self._order

    def finalize(self) -> None:
        if self._final is not None:
            return
        if not self.tail_merge:
            self._final = dict(self._order)
            self._data = b"\0" + b"".join(s + b"\0" for s in self._order)
            return
        # which strings live inside another: BFD's reversed-sort chain walk
        host: dict[bytes, bytes] = {}
        by_tail = sorted(self._order, key=lambda s: s[::-1])
        head = None
        for s in reversed(by_tail):
            if head is not None and len(head) > len(s) and head.endswith(s):
                host[s] = head
            else:
                head = s
        final: dict[bytes, int] = {}
        parts = [b"\0"]
        pos = 1
        for s in self._order:
            if s not in host:
                final[s] = pos
                parts.append(s + b"\0")
                pos += len(s) + 1
        for s, h in host.items():
            final[s] = final[h] + len(h) - len(s)
        self._final = final
        self._data = b"".join(parts)

    def offset(self, name: str | bytes) -> int:
        raw = self._encode(name)
        if not raw:
            return 0
        self.finalize()
        assert self._final is not None
        return self._final[raw]

    def data(self) -> bytes:
        self.finalize()
        assert self._data is not None
        return self._data
