"""A writer for the cpio "newc" format, the one the kernel unpacks as an initramfs.

Format (Documentation/driver-api/early-userspace/buffer-format.rst): each member is a
110-byte ASCII header -- the magic ``070701`` and thirteen 8-digit hexadecimal fields -- then
the NUL-terminated name padded to a multiple of four bytes (counting the header), then the
data padded likewise.  A member named ``TRAILER!!!`` ends the archive.

Only what an initramfs needs is supported: directories, regular files, symbolic links and
device nodes.  Times and owners are zero so the same input gives the same bytes.
"""

from __future__ import annotations

import stat
from dataclasses import dataclass
from typing import Iterable

MAGIC = b"070701"
TRAILER = "TRAILER!!!"


@dataclass(frozen=True, slots=True)
class CpioEntry:
    name: str
    #: full st_mode: file type bits and permissions
    mode: int
    data: bytes = b""
    #: (major, minor) of a device node
    rdev: tuple[int, int] = (0, 0)

    @classmethod
    def directory(cls, name: str, perm: int = 0o755) -> CpioEntry:
        return cls(name, stat.S_IFDIR | perm)

    @classmethod
    def file(cls, name: str, data: bytes, perm: int = 0o644) -> CpioEntry:
        return cls(name, stat.S_IFREG | perm, data)

    @classmethod
    def symlink(cls, name: str, target: str) -> CpioEntry:
        return cls(name, stat.S_IFLNK | 0o777, target.encode("utf-8", "surrogateescape"))

    @classmethod
    def char_device(cls, name: str, major: int, minor: int, perm: int = 0o600) -> CpioEntry:
        return cls(name, stat.S_IFCHR | perm, b"", (major, minor))


def _pad4(length: int) -> bytes:
    return b"\0" * (-length % 4)


def _member(entry: CpioEntry, ino: int) -> bytes:
    name = entry.name.encode("utf-8", "surrogateescape") + b"\0"
    nlink = 2 if stat.S_ISDIR(entry.mode) else 1
    fields = (
        ino, entry.mode, 0, 0, nlink, 0, len(entry.data),
        0, 0, entry.rdev[0], entry.rdev[1], len(name), 0,
    )
    for value in fields:
        if not 0 <= value <= 0xFFFFFFFF:
            raise ValueError(f"cpio: {entry.name}: field value {value} does not fit in newc")
    header = MAGIC + b"".join(b"%08X" % v for v in fields)
    return header + name + _pad4(len(header) + len(name)) + entry.data + _pad4(len(entry.data))


def newc_archive(entries: Iterable[CpioEntry]) -> bytes:
    """The archive holding ``entries`` in the order given (parents before children)."""
    parts = [_member(entry, ino) for ino, entry in enumerate(entries, start=1)]
    parts.append(_member(CpioEntry(TRAILER, 0), 0))
    return b"".join(parts)
