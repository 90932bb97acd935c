"""``Module.symvers``: the table of exported symbols kbuild passes between modpost runs.

One line per export, five TAB-separated fields::

    0x<crc>\t<symbol>\t<module>\tEXPORT_SYMBOL[_GPL]\t<namespace>

Reading follows Linux 6.1 modpost's ``read_dump()`` to the letter, because its quirks are
observable: the text ends at the first NUL byte; an empty line (anywhere but after the final
newline) is a parse error, as is a line with fewer than four TABs, an empty symbol or module
field, or a CRC field ``strtoul(..., 16)`` does not consume completely (an *empty* CRC field is
accepted as 0); everything after the fourth TAB is the namespace.  An export type other than
``EXPORT_SYMBOL``/``EXPORT_SYMBOL_GPL`` is not fatal: modpost reports it and skips the line.

Writing produces exactly modpost's ``write_dump()`` format (lower-case, zero-padded CRC; a
trailing TAB when there is no namespace).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Iterable

from pymodpost.errors import PymodpostError
from pymodpost.fileio import read_bytes, write_atomic
from pymodpost.clib import c_string, strtoul

#: modpost's one-line message for a malformed line (it is FATAL there)
PARSE_ERROR = "parse error in symbol dump file"


class SymversParseError(PymodpostError):
    """A line modpost would refuse with ``FATAL: modpost: parse error in symbol dump file``."""

    def __init__(self, path: str, line_number: int, line: str):
        super().__init__(PARSE_ERROR)
        self.path = path
        self.line_number = line_number
        self.line = line


@dataclass(frozen=True, slots=True)
class SymversEntry:
    crc: int
    symbol: str
    module: str
    gpl_only: bool
    namespace: str = ""

    @property
    def export_type(self) -> str:
        return "EXPORT_SYMBOL_GPL" if self.gpl_only else "EXPORT_SYMBOL"

    def line(self) -> str:
        return f"0x{self.crc:08x}\t{self.symbol}\t{self.module}\t{self.export_type}\t{self.namespace}\n"


@dataclass(frozen=True, slots=True)
class UnknownExportType:
    """A line whose export column is neither EXPORT_SYMBOL nor EXPORT_SYMBOL_GPL (skipped)."""

    symbol: str
    export: str
    line_number: int

    @property
    def message(self) -> str:
        # modpost's format has no newline here; the next diagnostic continues the same line
        return f"{self.symbol}: unknown license {self.export}. skip"


def decode(data: bytes) -> str:
    return data.decode("utf-8", "surrogateescape")


def parse_symvers(data: bytes | str, path: str = "Module.symvers") -> list[SymversEntry | UnknownExportType]:
    """Every line of a Module.symvers, in order; raises :class:`SymversParseError` like modpost."""
    text = c_string(decode(data) if isinstance(data, bytes) else data)
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()  # the text after the final newline is not a line
    out: list[SymversEntry | UnknownExportType] = []
    append = out.append
    for number, line in enumerate(lines, 1):
        fields = line.split("\t", 4)
        if len(fields) < 5:
            raise SymversParseError(path, number, line)
        crc_text, symbol, module, export, namespace = fields
        if not symbol or not module:
            raise SymversParseError(path, number, line)
        if crc_text.startswith("0x") and len(crc_text) == 10 and "_" not in crc_text:
            try:  # the common case, decided without the general scanner
                crc = int(crc_text, 16)
            except ValueError:
                crc = _slow_crc(crc_text, path, number, line)
        else:
            crc = _slow_crc(crc_text, path, number, line)
        if export == "EXPORT_SYMBOL_GPL":
            gpl = True
        elif export == "EXPORT_SYMBOL":
            gpl = False
        else:
            append(UnknownExportType(symbol, export, number))
            continue
        append(SymversEntry(crc, symbol, module, gpl, namespace))
    return out


def _slow_crc(crc_text: str, path: str, number: int, line: str) -> int:
    value, end = strtoul(crc_text, 16)
    if end != len(crc_text):
        raise SymversParseError(path, number, line)
    return value & 0xFFFFFFFF  # modpost stores it in an unsigned int


def read_symvers(path: str | os.PathLike) -> list[SymversEntry | UnknownExportType]:
    return parse_symvers(read_bytes(path), os.fspath(path))


def format_symvers(entries: Iterable[SymversEntry]) -> str:
    return "".join(e.line() for e in entries)


def write_symvers(path: str | os.PathLike, entries: Iterable[SymversEntry]) -> None:
    write_atomic(path, format_symvers(entries).encode("utf-8", "surrogateescape"))
