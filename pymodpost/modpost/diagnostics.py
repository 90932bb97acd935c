"""What modpost tells a person: its stderr, kept as structured records.

modpost writes every message to stderr as ``WARNING: modpost: ...``, ``ERROR: modpost: ...`` or
``FATAL: modpost: ...`` (modpost_log), and a few raw lines without prefix (perror, getopt, the
``(ignored)`` note of ``-n``, the hex dump before a bad device table).  Messages carry their own
newline -- a few famously do not -- so the exact stderr is the plain concatenation of
:attr:`Diagnostic.text` in order.
"""

from __future__ import annotations

from dataclasses import dataclass

WARNING = "WARNING"
ERROR = "ERROR"
FATAL = "FATAL"
RAW = ""  # printed as is: perror(), getopt, fprintf(stderr, ...)


@dataclass(frozen=True, slots=True)
class Diagnostic:
    level: str
    #: short stable name of the check, e.g. "undefined", "exported-twice", "section-mismatch"
    kind: str
    #: the formatted message as modpost formats it (its own newline, or none)
    message: str

    @property
    def text(self) -> str:
        if self.level == RAW:
            return self.message
        return f"{self.level}: modpost: {self.message}"


def stderr_text(diagnostics: list[Diagnostic]) -> str:
    return "".join(d.text for d in diagnostics)
