"""srcversion: scripts/mod/sumversion.c (the same algorithm from 6.1 to 7.3).

For a module with MODULE_VERSION (or every module with ``-a``) modpost hashes the module's
source files -- for each object listed in ``<module>.mod``, the ``source_`` file named in its
``.<obj>.cmd`` and those of its dependencies that live directly in the object's directory --
after squeezing out white space and ``/* */`` comments (string literals are kept whole), and
prints 23 upper-case hex digits of the digest as ``MODULE_INFO(srcversion, ...)``.

The hash is MD4 with sumversion.c's quirk: its "little-endian to CPU" conversion is written
with ``ntohl``, so on any little-endian host each 32-bit message word is read *big-endian*,
while the two length words of the last block are stored natively.  The result is therefore not
standard MD4 (and hashlib's md4, when present at all, would give a different answer).
"""

from __future__ import annotations

import struct
from typing import Protocol


class SourceFiles(Protocol):
    """What srcversion needs from the run: modpost's file reading (perror + exit(1) when a file
    cannot be read) and its warnings."""

    def read_text_file(self, name: str) -> str: ...
    def read_file_bytes(self, name: str) -> bytes: ...
    def warn(self, kind: str, message: str) -> None: ...

_MASK = 0xFFFFFFFF
_SPACE = frozenset(b" \t\n\v\f\r")


def _rotl(x: int, s: int) -> int:
    x &= _MASK
    return ((x << s) & _MASK) | (x >> (32 - s))


def _transform(h: list[int], x: tuple[int, ...]) -> None:
    a, b, c, d = h
    for k, s in ((0, 3), (1, 7), (2, 11), (3, 19), (4, 3), (5, 7), (6, 11), (7, 19),
                 (8, 3), (9, 7), (10, 11), (11, 19), (12, 3), (13, 7), (14, 11), (15, 19)):
        a = _rotl(a + ((b & c) | (~b & d)) + x[k], s)
        a, b, c, d = d, a, b, c
    for k, s in ((0, 3), (4, 5), (8, 9), (12, 13), (1, 3), (5, 5), (9, 9), (13, 13),
                 (2, 3), (6, 5), (10, 9), (14, 13), (3, 3), (7, 5), (11, 9), (15, 13)):
        a = _rotl(a + ((b & c) | (b & d) | (c & d)) + x[k] + 0x5A827999, s)
        a, b, c, d = d, a, b, c
    for k, s in ((0, 3), (8, 9), (4, 11), (12, 15), (2, 3), (10, 9), (6, 11), (14, 15),
                 (1, 3), (9, 9), (5, 11), (13, 15), (3, 3), (11, 9), (7, 11), (15, 15)):
        a = _rotl(a + (b ^ c ^ d) + x[k] + 0x6ED9EBA1, s)
        a, b, c, d = d, a, b, c
    h[0] = (h[0] + a) & _MASK
    h[1] = (h[1] + b) & _MASK
    h[2] = (h[2] + c) & _MASK
    h[3] = (h[3] + d) & _MASK


class SumversionMD4:
    """sumversion.c's md4_ctx; :meth:`hexdigest` gives the 23 characters modpost keeps."""

    def __init__(self) -> None:
        self.h = [0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476]
        self.buf = bytearray()
        self.count = 0

    def update(self, data: bytes) -> None:
        self.count += len(data)
        self.buf += data
        n = len(self.buf) // 64 * 64
        for off in range(0, n, 64):
            _transform(self.h, struct.unpack_from(">16I", self.buf, off))
        del self.buf[:n]

    def hexdigest(self, length: int = 23) -> str:
        tail = bytes(self.buf) + b"\x80"
        if len(tail) > 56:
            tail += bytes(64 - len(tail))
            _transform(self.h, struct.unpack(">16I", tail))
            tail = b""
        tail += bytes(56 - len(tail))
        words = struct.unpack(">14I", tail) + ((self.count << 3) & _MASK, (self.count >> 29) & _MASK)
        h = list(self.h)
        _transform(h, words)
        # cpu_to_le32_array via htonl, then printed with %08X: the standard digest byte order
        return struct.pack("<4I", *h).hex().upper()[:length]


def squeeze_source(text: bytes) -> bytes:
    """parse_file(): the bytes of one source file that enter the hash."""
    out = bytearray()
    i = 0
    n = len(text)
    while i < n:
        c = text[i]
        if c == 0x5C and i + 1 < n and text[i + 1] == 0x0A:  # backslash-newline
            i += 2
            continue
        if c in _SPACE:
            i += 1
            continue
        if c == 0x22:  # a string literal goes in whole, quotes included
            j = i + 1
            while j < n:
                if text[j] == 0x22 and text[j - 1] != 0x5C:
                    break
                j += 1
            out += text[i:j + 1]
            i = j + 1
            continue
        if c == 0x2F and i + 1 < n and text[i + 1] == 0x2A:  # /* comment */
            j = i + 2
            while j < n and not (text[j - 1] == 0x2A and text[j] == 0x2F):
                j += 1
            i = j + 1
            continue
        # copy a run of ordinary bytes at once
        j = i + 1
        while j < n and text[j] not in _SPACE and text[j] not in (0x22, 0x2F, 0x5C):
            j += 1
        out += text[i:j]
        i = j
    return bytes(out)


def _read_c_file(files: SourceFiles, name: str) -> bytes:
    data = files.read_file_bytes(name)
    nul = data.find(b"\0")
    return data if nul < 0 else data[:nul]


def _parse_source_files(files: SourceFiles, objfile: str, md: SumversionMD4) -> bool:
    slash = objfile.rfind("/")
    cmd = f"{objfile[:slash + 1]}.{objfile[slash + 1:]}.cmd"
    directory = objfile[:slash + 1]
    text = _read_c_file(files, cmd).decode("utf-8", "surrogateescape")
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    check_files = False
    for raw in lines:
        line = raw.lstrip(" \t\n\v\f\r")
        if line.startswith("source_"):
            space = line.rfind(" ")
            if space < 0:
                files.warn("sumversion", f"malformed line: {line}\n")
                return False
            md.update(squeeze_source(_read_c_file(files, line[space + 1:])))
            continue
        if line.startswith("deps_"):
            check_files = True
            continue
        if not check_files:
            continue
        # stop at the first line that does not continue with a backslash (an empty line's
        # "last character" is the byte before it, never a backslash)
        if not line.endswith("\\"):
            break
        for k, ch in enumerate(line):
            if ch in " \t\n\v\f\r":
                line = line[:k]
                break
        # hash only files directly in the object's directory
        found = line.find(directory)
        if found >= 0 and directory and found + len(directory) - 1 == line.rfind("/"):
            md.update(squeeze_source(_read_c_file(files, line)))
    return True


def get_src_version(files: SourceFiles, modname: str) -> str:
    """The srcversion of ``modname`` ("" when a .cmd file was malformed)."""
    text = files.read_text_file(f"{modname}.mod")
    md = SumversionMD4()
    for fname in text.split("\n"):
        if not fname:
            continue
        if len(fname) >= 2 and fname.endswith(".a"):
            continue
        if not _parse_source_files(files, fname, md):
            return ""
    return md.hexdigest(23)
