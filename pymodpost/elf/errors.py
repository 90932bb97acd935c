"""Errors of the ELF layer: a malformed input file (ElfError) and an unwritable model (ElfWriteError)."""

from __future__ import annotations

from pymodpost.errors import InputError, PymodpostError


class ElfError(InputError):
    """``FILE: problem`` -- anything in an ELF file that makes it unreadable as asked.

    Every accessor of :class:`pymodpost.elf.reader.ElfFile` raises this (never IndexError,
    struct.error, MemoryError, ...) when the bytes do not describe what the accessor needs.
    Names quoted from a damaged file may hold control characters; they are shown escaped, so
    the message stays one line.
    """

    def __init__(self, path: str, problem: str, **kw):
        super().__init__(path, problem.translate(_VISIBLE), **kw)


#: control characters -> a visible escape (as Python's repr writes them)
_VISIBLE = {c: repr(chr(c))[1:-1] for c in (*range(0x20), 0x7F)}


class ElfWriteError(PymodpostError):
    """An :class:`pymodpost.elf.writer.ElfModel` that cannot be written as asked (overlapping
    sections, a size that disagrees with the data, a name missing from .shstrtab, ...)."""
