"""The part of GNU ld's linker-script language that kbuild's module.lds uses.

Supported: ``SECTIONS { ... }`` (several blocks are concatenated, as ld does when the arch
script follows the common one), output sections ``NAME [ADDRESS] : [ALIGN(N)] { ... }``,
``/DISCARD/``, input clauses ``FILEPATTERN(SECTIONPATTERN ...)`` with shell wildcards,
``SORT``/``SORT_BY_NAME`` around section patterns, ``KEEP(...)`` around a clause, ``BYTE``/
``SHORT``/``LONG``/``QUAD`` data, ``. = ALIGN(N);`` and C comments.  Anything else that ld
would accept is refused with an ld-style message naming the construct, so a script outside
the subset never links silently wrong.
"""

from __future__ import annotations

import fnmatch
import re
from functools import lru_cache
from typing import NamedTuple

from pymodpost.errors import PymodpostError
from pymodpost.fileio import read_bytes

DISCARD = "/DISCARD/"

#: data statement keyword -> width in bytes
DATA_WIDTHS = {"BYTE": 1, "SHORT": 2, "LONG": 4, "QUAD": 8}


class ScriptError(PymodpostError):
    """A linker script ld would reject, or one outside the supported subset."""


class SectionPattern(NamedTuple):
    pattern: str
    sort_by_name: bool = False

    def matches(self, name: str) -> bool:
        return _wildcard(self.pattern)(name)


class InputClause(NamedTuple):
    """``FILE(SECTIONS...)``, possibly inside ``KEEP(...)``."""

    file_pattern: str
    sections: tuple[SectionPattern, ...]
    keep: bool = False

    @property
    def sorted(self) -> bool:
        return any(p.sort_by_name for p in self.sections)

    def matches(self, filename: str, section: str) -> SectionPattern | None:
        if self.file_pattern != "*" and not _wildcard(self.file_pattern)(filename):
            return None
        for p in self.sections:
            if _wildcard(p.pattern)(section):
                return p
        return None


class DataItem(NamedTuple):
    """``BYTE(v)`` and friends: bytes the linker itself puts in the output section."""

    width: int
    value: int


class AlignDot(NamedTuple):
    """``. = ALIGN(n);`` inside an output section."""

    alignment: int


class SymbolAssign(NamedTuple):
    """``NAME = .;`` inside an output section: a global symbol at that offset of the section
    (6.12's module.lds brackets the ``alloc_tags`` input sections this way)."""

    name: str


Item = InputClause | DataItem | AlignDot | SymbolAssign


class OutputSection(NamedTuple):
    name: str
    address: int | None  # None when the script gives none
    align: int | None  # ALIGN(n) after the colon
    items: tuple[Item, ...]
    line: int
    constraint: str | None = None  # "RO"/"RW" for ONLY_IF_RO/ONLY_IF_RW (built-in scripts)

    @property
    def is_discard(self) -> bool:
        return self.name == DISCARD


class LinkerScript(NamedTuple):
    path: str
    sections: tuple[OutputSection, ...]

    def output_section(self, name: str) -> OutputSection | None:
        for s in self.sections:
            if s.name == name:
                return s
        return None


@lru_cache(maxsize=512)
def _wildcard(pattern: str):
    """A matcher for one ld wildcard; plain names compare directly (the common case)."""
    if not any(c in pattern for c in "*?["):
        return pattern.__eq__
    return re.compile(fnmatch.translate(pattern), re.DOTALL).match


# --- tokenizer ------------------------------------------------------------------------------

_TOKEN = re.compile(
    r"""
    (?P<ws>[ \t\r\f\v]+) |
    (?P<nl>\n) |
    (?P<comment>/\*.*?\*/) |
    (?P<badcomment>/\*) |
    (?P<punct>[{}();:,=]) |
    (?P<name>[^\s{}();:,="]+) |
    (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)


class _Tok(NamedTuple):
    text: str
    line: int


def _tokenize(text: str, path: str) -> list[_Tok]:
    toks: list[_Tok] = []
    line = 1
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup
        if kind == "nl":
            line += 1
        elif kind == "comment":
            line += m.group().count("\n")
        elif kind == "ws":
            pass
        elif kind in ("badcomment", "other"):
            raise ScriptError(f"ld:{path}:{line}: syntax error")
        else:
            toks.append(_Tok(m.group(), line))
    return toks


# --- parser ---------------------------------------------------------------------------------

_NUMBER = re.compile(r"(0[xX][0-9a-fA-F]+|[0-9]+)([KM]?)$")


class _Parser:
    def __init__(self, toks: list[_Tok], path: str):
        self.toks = toks
        self.pos = 0
        self.path = path

    # helpers
    def _line(self) -> int:
        if self.pos < len(self.toks):
            return self.toks[self.pos].line
        # ld reports an unexpected end of file at line 0
        return 0

    def error(self) -> ScriptError:
        return ScriptError(f"ld:{self.path}:{self._line()}: syntax error")

    def unsupported(self, what: str) -> ScriptError:
        return ScriptError(
            f"ld:{self.path}:{self._line()}: {what} is not supported by pymodpost-ld")

    def peek(self, k: int = 0) -> str | None:
        i = self.pos + k
        return self.toks[i].text if i < len(self.toks) else None

    def take(self) -> str:
        if self.pos >= len(self.toks):
            raise self.error()
        t = self.toks[self.pos].text
        self.pos += 1
        return t

    def expect(self, text: str) -> None:
        if self.peek() != text:
            raise self.error()
        self.pos += 1

    def number(self) -> int:
        t = self.peek()
        m = _NUMBER.match(t or "")
        if not m:
            if t is not None and re.match(r"[A-Za-z_.]", t):
                raise self.unsupported(f"expression `{t}'")
            raise self.error()
        self.pos += 1
        value = int(m.group(1), 0) if m.group(1).lower().startswith("0x") else int(m.group(1), 10)
        return value * {"": 1, "K": 1024, "M": 1024 * 1024}[m.group(2)]

    def align_call(self) -> int:
        """``ALIGN(n)`` with a constant n."""
        self.expect("ALIGN")
        self.expect("(")
        n = self.number()
        self.expect(")")
        return n

    # grammar
    def script(self) -> list[OutputSection]:
        out: list[OutputSection] = []
        while self.peek() is not None:
            word = self.peek()
            if word == "SECTIONS":
                self.pos += 1
                self.expect("{")
                while self.peek() != "}":
                    if self.peek() is None:
                        raise self.error()
                    out.append(self.output_section())
                self.pos += 1
            elif word == ";":
                self.pos += 1
            elif word in ("MEMORY", "PHDRS", "ENTRY", "OUTPUT_FORMAT", "OUTPUT_ARCH", "INCLUDE",
                          "INPUT", "GROUP", "OUTPUT", "SEARCH_DIR", "STARTUP", "INSERT",
                          "PROVIDE", "ASSERT", "VERSION", "EXTERN", "NOCROSSREFS"):
                raise self.unsupported(f"`{word}'")
            else:
                raise self.error()
        return out

    def output_section(self) -> OutputSection:
        line = self._line()
        name = self.take()
        if name in "{}();:,=" or name == "SECTIONS":
            raise self.error()
        if self.peek() == "=" or name == ".":
            raise self.unsupported("an assignment outside an output section")
        address = None
        if self.peek() != ":":
            if self.peek() == "(":
                raise self.unsupported("an output section type")
            address = self.number()
        self.expect(":")
        align = None
        if self.peek() == "ALIGN":
            align = self.align_call()
        elif self.peek() in ("AT", "SUBALIGN", "ONLY_IF_RO", "ONLY_IF_RW", "ALIGN_WITH_INPUT"):
            raise self.unsupported(f"`{self.peek()}'")
        self.expect("{")
        items: list[Item] = []
        while self.peek() != "}":
            if self.peek() is None:
                raise self.error()
            item = self.item()
            if item is not None:
                items.append(item)
        self.pos += 1
        t = self.peek()
        if t is not None and (t.startswith((">", "=")) or t.startswith(":") and t != ":"):
            raise self.unsupported(f"`{t}' after an output section")
        return OutputSection(name, address, align, tuple(items), line)

    def item(self) -> Item | None:
        t = self.peek()
        if t == ";":
            self.pos += 1
            return None
        if t in DATA_WIDTHS:
            self.pos += 1
            self.expect("(")
            value = self.number()
            self.expect(")")
            if self.peek() == ";":
                self.pos += 1
            return DataItem(DATA_WIDTHS[t], value)
        if t == ".":
            self.pos += 1
            self.expect("=")
            if self.peek() != "ALIGN":
                raise self.unsupported("an assignment to `.' other than ALIGN")
            n = self.align_call()
            self.expect(";")
            return AlignDot(n)
        if t == "KEEP":
            self.pos += 1
            self.expect("(")
            clause = self.input_clause(keep=True)
            self.expect(")")
            return clause
        if t in ("FILL", "CREATE_OBJECT_SYMBOLS", "CONSTRUCTORS", "SORT_BY_ALIGNMENT",
                 "SORT_NONE", "SORT_BY_INIT_PRIORITY", "EXCLUDE_FILE", "INPUT_SECTION_FLAGS",
                 "PROVIDE", "PROVIDE_HIDDEN", "ASSERT", "SQUAD"):
            raise self.unsupported(f"`{t}'")
        if self.peek(1) == "=":
            name = self.take()
            self.pos += 1
            if self.peek() != "." or self.peek(1) != ";":
                raise self.unsupported("a symbol assignment of anything but `.'")
            self.pos += 2
            return SymbolAssign(name)
        return self.input_clause(keep=False)

    def input_clause(self, keep: bool) -> InputClause:
        file_pattern = self.take()
        if file_pattern in "{}();:,=":
            raise self.error()
        if self.peek() != "(":
            # a bare file name with no section list: all its sections; not used by kbuild
            raise self.unsupported(f"input `{file_pattern}' without a section list")
        self.pos += 1
        patterns: list[SectionPattern] = []
        while self.peek() != ")":
            t = self.take()
            if t in ("SORT", "SORT_BY_NAME"):
                self.expect("(")
                while self.peek() != ")":
                    p = self.take()
                    if p in "{}();:,=" or p in ("SORT", "SORT_BY_NAME"):
                        if p in ("SORT", "SORT_BY_NAME"):
                            raise self.unsupported("nested SORT")
                        raise self.error()
                    patterns.append(SectionPattern(p, sort_by_name=True))
                self.pos += 1
            elif t in ("EXCLUDE_FILE", "SORT_BY_ALIGNMENT", "SORT_NONE", "SORT_BY_INIT_PRIORITY",
                       "REVERSE", "INPUT_SECTION_FLAGS"):
                raise self.unsupported(f"`{t}'")
            elif t == ",":
                continue
            elif t in "{}();:=":
                raise self.error()
            else:
                patterns.append(SectionPattern(t))
        self.pos += 1
        return InputClause(file_pattern, tuple(patterns), keep)


def parse_script(text: str, path: str = "<script>") -> LinkerScript:
    toks = _tokenize(text, path)
    return LinkerScript(path, tuple(_Parser(toks, path).script()))


def load_script(path: str) -> LinkerScript:
    raw = read_bytes(path)
    return parse_script(raw.decode("utf-8", "surrogateescape"), path)
