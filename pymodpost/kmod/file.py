"""Reading a module file the way kmod 30's libkmod does, for ``pymodpost modinfo``.

libkmod is deliberately lax: it looks only at what it needs (the ELF identification, the section
header table bounds, the section-name string table and the one section asked for) and reports
every problem as an errno.  Debian's ``modinfo`` prints that errno's text ("Exec format error",
"Invalid argument", ...), so this module keeps libkmod's checks, in libkmod's order, instead of
the stricter validation of :mod:`pymodpost.elf` -- a file our ELF layer would reject with a detailed
message may be one kmod happily reads, and the other way round.

Failures raise :class:`KmodErrno`, carrying the errno number; the caller words it.

Where Debian's kmod (built with assertions on) aborts instead of failing -- ``e_shstrndx`` of 0 or
not below ``e_shnum``, or the looked-up section empty and starting exactly at the end of the file --
we give what the same code does without assertions: EINVAL, respectively an empty section.
"""

from __future__ import annotations

import errno
import lzma
import os
import stat

from pymodpost.elf.constants import (EI_CLASS, EI_DATA, EI_NIDENT, ELFCLASS32, ELFCLASS64,
                                     ELFDATA2LSB, ELFDATA2MSB, ELFMAG)
from pymodpost.elf.layouts import EHDR, SHDR
from pymodpost.errors import PymodpostError

#: file-name endings kmod treats as module files.  Debian's kmod 30 is built with xz and zstd but
#: without zlib ("+ZSTD +XZ -ZLIB"), so a ``.ko.gz`` is *not* a module file name for it.
MODULE_EXTENSIONS = (".ko", ".ko.xz", ".ko.zst")

MAGIC_ZSTD = b"\x28\xb5\x2f\xfd"
MAGIC_XZ = b"\xfd7zXZ\x00"
#: libkmod reads this many leading bytes to sniff the compression; a shorter file is EINVAL.
MAGIC_PROBE = 6


class KmodErrno(PymodpostError):
    """A libkmod failure: ``errno_value`` is what libkmod would return (negated there)."""

    def __init__(self, errno_value: int):
        super().__init__(os.strerror(errno_value))
        self.errno_value = errno_value


def is_module_filename(path: str) -> bool:
    """kmod's test for "this argument is a file, not a module name or alias"."""
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return False
    return stat.S_ISREG(st.st_mode) and path.endswith(MODULE_EXTENSIONS)


def module_name_from_path(path: str) -> str:
    """The module name libkmod derives from a path: the base name up to its first dot, '-' -> '_'."""
    base = path.rsplit("/", 1)[-1]
    return base.split(".", 1)[0].replace("-", "_")


def absolute_path(path: str) -> str:
    """The path as kmod prints it: relative paths are joined to the working directory unnormalised.

    kmod asks glibc's ``get_current_dir_name``, which prefers ``$PWD`` when that names the
    current directory (so a symlinked working directory is shown as the user typed it).
    """
    if path.startswith("/"):
        return path
    try:
        cwd = os.getcwd()
    except OSError:  # the working directory was removed: nothing relative can be found anyway
        return path
    pwd = os.environ.get("PWD")
    if pwd and pwd.startswith("/"):
        try:
            a, b = os.stat(pwd), os.stat(".")
            if (a.st_dev, a.st_ino) == (b.st_dev, b.st_ino):
                cwd = pwd
        except OSError:
            pass
    return cwd + "/" + path


def read_module_contents(path: str) -> bytes:
    """The module's bytes after decompression, or :class:`KmodErrno` as libkmod would fail."""
    try:
        with open(path, "rb") as f:
            raw = f.read()
    except OSError as e:
        raise KmodErrno(e.errno or errno.EIO) from None
    if len(raw) < MAGIC_PROBE:
        raise KmodErrno(errno.EINVAL)
    if raw.startswith(MAGIC_ZSTD):
        return _zstd_decompress(raw)
    if raw.startswith(MAGIC_XZ):
        return _xz_decompress(raw)
    return raw


def _xz_decompress(raw: bytes) -> bytes:
    # liblzma in LZMA_CONCATENATED mode: several streams (and stream padding) in a row are one
    # file; truncation, corruption or trailing garbage are all EINVAL in libkmod.
    try:
        return lzma.decompress(raw, format=lzma.FORMAT_XZ)
    except (lzma.LZMAError, EOFError):
        raise KmodErrno(errno.EINVAL) from None
    except MemoryError:
        raise KmodErrno(errno.ENOMEM) from None


def _zstd_decompress(raw: bytes) -> bytes:
    # kmod 30 streams zstd input and keeps whatever output it produced when the input runs out,
    # so a truncated file yields a short (usually empty) image rather than an error; only data
    # the decoder rejects is EINVAL.
    try:
        import zstandard
    except ImportError:
        raise PymodpostError(
            "zstd-compressed modules need the Python package 'zstandard' (pip install zstandard)"
        ) from None
    out = bytearray()
    rest = raw
    try:
        while rest:
            decoder = zstandard.ZstdDecompressor().decompressobj()
            out += decoder.decompress(rest)
            rest = decoder.unused_data
            if not decoder.eof:
                break
    except zstandard.ZstdError:
        raise KmodErrno(errno.EINVAL) from None
    except MemoryError:
        raise KmodErrno(errno.ENOMEM) from None
    return bytes(out)


# The header fields and section header fields libkmod reads, by position in the shared records
# (the same positions in both classes)
_E_SHOFF, _E_SHENTSIZE, _E_SHNUM, _E_SHSTRNDX = (
    EHDR.names(64).index(n) for n in ("e_shoff", "e_shentsize", "e_shnum", "e_shstrndx"))
_SH_NAME, _SH_OFFSET, _SH_SIZE = (SHDR.names(64).index(n) for n in ("sh_name", "sh_offset", "sh_size"))


class KmodElf:
    """libkmod's view of an ELF image: section headers plus the section-name table, nothing more."""

    __slots__ = ("data", "shdr", "shoff", "shnum", "shentsize", "shstr_off", "shstr_size")

    def __init__(self, data: bytes):
        self.data = data
        size = len(data)
        if size <= EI_NIDENT or data[:4] != ELFMAG:
            raise KmodErrno(errno.ENOEXEC)
        elfclass, order = data[EI_CLASS], data[EI_DATA]
        if elfclass not in (ELFCLASS32, ELFCLASS64):
            raise KmodErrno(errno.EINVAL)
        bits = 64 if elfclass == ELFCLASS64 else 32
        if size <= EHDR.size(bits):
            raise KmodErrno(errno.EINVAL)
        if order not in (ELFDATA2LSB, ELFDATA2MSB):
            raise KmodErrno(errno.EINVAL)
        little = order == ELFDATA2LSB
        header = EHDR.struct(bits, little).unpack_from(data, 0)
        shoff, shentsize = header[_E_SHOFF], header[_E_SHENTSIZE]
        shnum, shstrndx = header[_E_SHNUM], header[_E_SHSTRNDX]
        self.shdr = SHDR.struct(bits, little)
        if shentsize != self.shdr.size:
            raise KmodErrno(errno.EINVAL)
        if shoff + shentsize * shnum > size:
            raise KmodErrno(errno.EINVAL)
        self.shoff, self.shnum, self.shentsize = shoff, shnum, shentsize
        info = self._section(shstrndx)
        if info is None:
            raise KmodErrno(errno.EINVAL)
        self.shstr_off, self.shstr_size, _ = info
        # the name table must end in a NUL; libkmod also reads its last byte, so it must exist
        if self.shstr_size == 0 or self.shstr_off >= size or data[self.shstr_off + self.shstr_size - 1] != 0:
            raise KmodErrno(errno.EINVAL)

    def _section(self, index: int) -> tuple[int, int, int] | None:
        """(sh_offset, sh_size, sh_name) of a section whose contents lie inside the file."""
        if index == 0 or index >= self.shnum:
            return None
        at = self.shoff + index * self.shentsize
        if at >= len(self.data):
            return None
        # the whole header lies inside the file: __init__ checked the table's end against it
        header = self.shdr.unpack_from(self.data, at)
        offset, size = header[_SH_OFFSET], header[_SH_SIZE]
        if offset + size > len(self.data):
            return None
        return offset, size, header[_SH_NAME]

    def section(self, wanted: str) -> bytes | None:
        """The first section named ``wanted`` (skipping headers libkmod skips), or None."""
        names = self.data[self.shstr_off:self.shstr_off + self.shstr_size]
        target = wanted.encode()
        for i in range(1, self.shnum):
            info = self._section(i)
            if info is None:
                continue
            offset, size, name_off = info
            if name_off >= len(names):
                continue
            end = names.find(b"\0", name_off)
            if names[name_off:end] != target:
                continue
            # libkmod hands back no buffer for a section starting at the very end of the file,
            # which its callers treat like an empty section
            return self.data[offset:offset + size] if offset < len(self.data) else b""
        return None

    def strings(self, wanted: str) -> list[bytes]:
        """kmod_elf_get_strings: the NUL-separated non-empty strings of a section, in order.

        Quirks kept: leading NULs are skipped only while more than one byte remains, and a
        section (after that skip) of a single byte yields nothing -- even a lone non-NUL byte.
        """
        sec = self.section(wanted)
        if sec is None:
            raise KmodErrno(errno.ENOENT)  # kmod 30 says ENOENT for a missing section
        start = 0
        while start < len(sec) - 1 and sec[start] == 0:
            start += 1
        if len(sec) - start <= 1:
            return []
        return [s for s in sec[start:].split(b"\0") if s]
