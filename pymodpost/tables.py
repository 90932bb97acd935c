"""Tables that fit a terminal without breaking a symbol, a type or an address.

A column is either *unbreakable* (symbols, relocation types, addresses, hex bytes: a cell is
never split, so it can be searched and copied whole) or *prose* (explanations: wrapped between
words).  :func:`fit` chooses how a table is shown at a width:

1. every column at its natural width, when that fits;
2. else prose columns narrowed (never below their longest word) and wrapped;
3. else optional columns left out, the one with the highest ``drop`` first (rightmost first
   among equals), trying 1-2 again after each; then those left out before the last one come
   back, most important first, while they fit;
4. else one block per row: ``header  value`` lines.

``width=None`` (output to a pipe or file, no ``COLUMNS``) keeps every column in one line per row.
The plain renderers here and the rich one in :mod:`pymodpost.walk.walk_render` both use it; rich
draws borders and padding, which ``gap``/``edge`` account for.
"""

from __future__ import annotations

import os
import textwrap
from dataclasses import dataclass
from typing import Sequence, TextIO


@dataclass(frozen=True, slots=True)
class Column:
    header: str
    prose: bool = False  #: may wrap between words; otherwise a cell is never broken
    drop: int = 0  #: 0: always shown; otherwise left out when too narrow, highest first
    right: bool = False  #: right-aligned (counts and sizes)


@dataclass(frozen=True, slots=True)
class Fit:
    shown: tuple[int, ...]  #: indices of the columns shown; empty: one block per row
    widths: tuple[int, ...]  #: the width of each shown column
    dropped: tuple[str, ...]  #: headers of the columns left out

    @property
    def blocks(self) -> bool:
        return not self.shown


#: the plain renderer's layout: two spaces between columns, nothing at the edges
PLAIN_GAP, PLAIN_EDGE = 2, 0


def output_width(stream: TextIO) -> int | None:
    """The width to fit tables to: ``COLUMNS`` when set, else the terminal's, else (a pipe or a
    file) none -- whole rows, one per line, for grep and diff."""
    value = os.environ.get("COLUMNS", "")
    if value.isdigit() and int(value) > 0:
        return int(value)
    try:
        if stream.isatty():
            return os.get_terminal_size(stream.fileno()).columns
    except (AttributeError, OSError, ValueError):
        pass
    return None


def cells(rows: Sequence[Sequence]) -> list[tuple[str, ...]]:
    """Rows as text: ``None`` is an empty cell."""
    return [tuple("" if v is None else str(v) for v in row) for row in rows]


def _longest_word(text: str) -> int:
    return max((len(word) for word in text.split()), default=0)


def fit(columns: Sequence[Column], rows: list[tuple[str, ...]], width: int | None,
        gap: int = PLAIN_GAP, edge: int = PLAIN_EDGE) -> Fit:
    """How to show ``rows`` (text cells) under ``columns`` within ``width`` characters."""
    natural = [max([len(c.header)] + [len(r[i]) for r in rows]) for i, c in enumerate(columns)]
    # a header wraps between words; an unbreakable cell never does
    narrowest = [max([_longest_word(c.header)] + [(_longest_word if c.prose else len)(r[i]) for r in rows])
                 for i, c in enumerate(columns)]
    shown = list(range(len(columns)))
    if width is None:
        return Fit(tuple(shown), tuple(natural), ())
    order = sorted((i for i, c in enumerate(columns) if c.drop), key=lambda i: (-columns[i].drop, -i))

    def widths_of(kept: list[int]) -> list[int] | None:
        return _widths(kept, natural, narrowest, width - edge - gap * (len(kept) - 1))

    dropped = []
    while widths_of(shown) is None:
        if len(dropped) == len(order):
            return Fit((), (), ())
        dropped.append(order[len(dropped)])
        shown.remove(dropped[-1])
    # a column dropped early may fit again once a wide one dropped after it has gone: the more
    # important first, each where it stood, until one does not (a less important column never
    # shows while a more important one that merely did not fit is hidden)
    for i in reversed(dropped[:-1]):
        if widths_of(sorted([*shown, i])) is None:
            break
        shown = sorted([*shown, i])
    return Fit(tuple(shown), tuple(widths_of(shown)), tuple(columns[i].header for i in order if i not in shown))


def _widths(shown: list[int], natural: list[int], narrowest: list[int], room: int) -> list[int] | None:
    """Column widths within ``room``: natural ones, else the narrowest with what is left handed
    to the columns that want more (prose), the most starved first; None when even that is wider."""
    if sum(natural[i] for i in shown) <= room:
        return [natural[i] for i in shown]
    widths = {i: narrowest[i] for i in shown}
    spare = room - sum(widths.values())
    if spare < 0:
        return None
    wanting = sorted((i for i in shown if natural[i] > widths[i]), key=lambda i: natural[i] - widths[i])
    for n, i in enumerate(wanting):
        share = min(natural[i] - widths[i], spare // (len(wanting) - n))
        widths[i] += share
        spare -= share
    return [widths[i] for i in shown]


def wrap(text: str, width: int | None, indent: str = "") -> list[str]:
    """``text`` in lines of at most ``width`` characters, broken only between words (a word
    longer than the width stays whole on a line of its own); ``indent`` starts the later lines."""
    if width is None or len(text) <= width:
        return [text]
    return textwrap.wrap(text, width, subsequent_indent=indent, break_long_words=False,
                         break_on_hyphens=False, drop_whitespace=True) or [""]


def plain_table(columns: Sequence[Column], rows: Sequence[Sequence], width: int | None,
                header: bool = True) -> list[str]:
    """The table as plain lines: columns, or one block per row when the width allows no table."""
    text = cells(rows)
    layout = fit(columns, text, width)
    if layout.blocks:
        return block_lines(columns, text, width)
    out = _plain_rows([columns[i].header for i in layout.shown], layout, columns) if header else []
    for row in text:
        out += _plain_rows([row[i] for i in layout.shown], layout, columns)
    return out + dropped_note(layout, width)


def _plain_rows(values: list[str], layout: Fit, columns: Sequence[Column]) -> list[str]:
    """One table row, as many lines as its tallest wrapped cell."""
    parts = [wrap(v, w) if v else [""] for v, w in zip(values, layout.widths)]
    lines = []
    for n in range(max(len(p) for p in parts)):
        line = []
        for part, w, i in zip(parts, layout.widths, layout.shown):
            cell = part[n] if n < len(part) else ""
            line.append(cell.rjust(w) if columns[i].right else cell.ljust(w))
        lines.append((" " * PLAIN_GAP).join(line).rstrip())
    return lines


def dropped_note(layout: Fit, width: int | None) -> list[str]:
    if not layout.dropped:
        return []
    return wrap(f"(not shown at this width: {', '.join(layout.dropped)}; a wider terminal or --json "
                "has them)", width)


def block_lines(columns: Sequence[Column], rows: list[tuple[str, ...]], width: int | None) -> list[str]:
    """One block per row: ``header  value`` lines, the first marked ``- ``; a prose value wraps
    under itself, an unbreakable one stays whole."""
    key = max(len(c.header) for c in columns)
    out = []
    for row in rows:
        for n, (column, value) in enumerate(zip(columns, row)):
            head = f"{'- ' if n == 0 else '  '}{column.header.ljust(key)}  "
            room = None if width is None else max(width - len(head), 1)
            lines = wrap(value, room) if column.prose else [value]
            out.append((head + lines[0]).rstrip())
            out += [" " * len(head) + line for line in lines[1:]]
    return out
