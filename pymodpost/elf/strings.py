"""Looking up many NUL-terminated strings of one string table at once.

Symbol and section names are decoded in one pass: numpy finds every NUL, ``searchsorted`` gives
each name its end, and when the table is one character per byte (the usual, ASCII case) the
names are slices of the table decoded once.  Callers turn a :class:`BadStringOffset` into an
ElfError worded for what they were looking up.
"""

from __future__ import annotations

import numpy as np


class BadStringOffset(Exception):
    def __init__(self, position: int, offset: int, unterminated: bool):
        super().__init__(position, offset, unterminated)
        self.position = position  # index into the offsets asked for
        self.offset = offset
        self.unterminated = unterminated  # else: past the end of the table


def decode(raw: bytes) -> str:
    """ELF strings are UTF-8 with any byte kept (surrogateescape), so they encode back exactly."""
    return raw.decode("utf-8", "surrogateescape")


def strings_at(table: bytes, offsets: np.ndarray) -> list[str]:
    """The string starting at each offset of ``table``.  Offset 0 of an empty table is ""."""
    if not len(offsets):
        return []
    offsets = offsets.astype(np.int64, copy=False)
    past = offsets >= max(len(table), 1)
    if past.any():
        i = int(np.flatnonzero(past)[0])
        raise BadStringOffset(i, int(offsets[i]), False)
    if not table:
        return [""] * len(offsets)
    nuls = np.flatnonzero(np.frombuffer(table, np.uint8) == 0)
    at = np.searchsorted(nuls, offsets)  # the first NUL at or after each offset
    if not len(nuls) or int(at.max()) >= len(nuls):
        i = int(np.flatnonzero(at >= len(nuls))[0])
        raise BadStringOffset(i, int(offsets[i]), True)
    starts, ends = offsets.tolist(), nuls[at].tolist()
    text = decode(table)
    if len(text) == len(table):
        return [text[a:b] for a, b in zip(starts, ends)]
    return [decode(table[a:b]) for a, b in zip(starts, ends)]
