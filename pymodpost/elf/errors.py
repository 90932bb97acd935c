"""The one error the ELF layer raises: a malformed or unsupported file, named with the problem."""

from __future__ import annotations

from pymodpost.errors import InputError


class ElfError(InputError):
    """``FILE: problem`` -- anything in an ELF file that makes it unreadable as asked.

    Every accessor of :class:`pymodpost.elf.reader.ElfFile` raises this (never IndexError,
    struct.error, MemoryError, ...) when the bytes do not describe what the accessor needs.
    """
