"""Showing walk stages: plain text (pipes, files, tests) or rich (a terminal).

rich is imported only by :class:`RichRenderer`, which the CLI builds only for a terminal.
"""

from __future__ import annotations

from typing import TextIO

from pymodpost.tables import Column, block_lines, cells, dropped_note, fit, plain_table, wrap
from pymodpost.walk.walk import STAGES, Block, WalkStage


def _heading(stage: WalkStage) -> str:
    number = STAGES.index(stage.name) + 1
    return f"[{number}/{len(STAGES)}] {stage.name}: {stage.title} -- {'ok' if stage.ok else 'FAILED'}"


class _Renderer:
    out: TextIO
    width: int | None

    def prompt(self, next_name: str | None) -> str:
        return _ask(self.out, next_name, self.width)


class PlainRenderer(_Renderer):
    """``width``: fit tables and text to it (None: whole rows, for pipes and files)."""

    def __init__(self, out: TextIO, width: int | None = None):
        self.out = out
        self.width = width

    def stage(self, stage: WalkStage) -> None:
        heading = _heading(stage)
        rule = "=" * min(len(heading), self.width or len(heading))
        lines = [rule, *wrap(heading, self.width), rule]
        for block in stage.blocks:
            lines += self._block(block)
        self.out.write("\n".join(lines) + "\n\n")
        self.out.flush()

    def _block(self, block: Block) -> list[str]:
        if block.kind == "text":
            return wrap(block.text, self.width, "    ")
        if block.kind == "code":
            return [f"--- {block.title}", *self._code(block)]
        return [*wrap(f"--- {block.title} ({len(block.rows)})", self.width),
                *(plain_table(block.columns, block.rows, self.width) if block.rows else ())]

    def _code(self, block: Block) -> list[str]:
        """Each line with its annotation beside it (``// note``, wrapped between words), or under
        it when the width leaves no room beside."""
        rows = [(n, line, f"// {note}" if note else "") for n, line, note in _code_rows(block)]
        if not fit(CODE_COLUMNS, rows, self.width).blocks:
            return plain_table(CODE_COLUMNS, rows, self.width, header=False)
        out = []
        for n, line, note in _code_rows(block):
            out.append(f"{n:>3}  {line}".rstrip())
            out += [f"     {part}" for part in _note_under(note, self.width)]
        return out


#: a .mod.c listing: the line number, the line (never broken) and its annotation (prose)
CODE_COLUMNS = (Column("", right=True), Column(""), Column("", prose=True))


def _code_rows(block: Block) -> list[tuple[str, str, str]]:
    """(number, line, note) of each line; tabs expanded, so that a width counts what is seen."""
    return [(f"{n:3d}", line.expandtabs(), note)
            for n, (line, note) in enumerate(zip(block.text.splitlines(), block.notes), 1)]


def _note_under(note: str, width: int | None) -> list[str]:
    """An annotation on lines of its own, under its code line (indented past the number)."""
    return [f"// {part}" for part in wrap(note, None if width is None else max(width - 8, 1))] if note else []


class RichRenderer(_Renderer):
    """Tables drawn with rich at the console's width: a fitted table gets fixed column widths
    (unbreakable ones ``no_wrap``), so that rich never folds a symbol or an address."""

    #: a rich table's box: "| a | b |" -- one border and two padding spaces between columns,
    #: a border and a padding space at each edge
    GAP, EDGE = 3, 4

    def __init__(self, out: TextIO, width: int | None = None):
        from rich.console import Console

        self.console = Console(file=out, highlight=False, width=width)
        self.out = out

    @property
    def width(self) -> int:
        return self.console.width

    def stage(self, stage: WalkStage) -> None:
        from rich.rule import Rule

        style = "bold green" if stage.ok else "bold red"
        self.console.print(Rule(f"[{style}]{_escape(_heading(stage))}[/]"))
        for block in stage.blocks:
            self._print(block)
        self.console.print()

    def _lines(self, lines: list[str], style: str = "") -> None:
        from rich.text import Text

        for line in lines:  # already wrapped between words: rich must not fold them
            self.console.print(Text(line, style=style), no_wrap=True, crop=False, overflow="ignore")

    def _print(self, block: Block) -> None:
        from rich.table import Table
        from rich.text import Text

        width = self.console.width
        if block.kind == "text":
            self._lines(wrap(block.text, width, "    "))
            return
        if block.kind == "code":
            self.console.print(self._code(block), crop=False)
            return
        rows = cells(block.rows)
        layout = fit(block.columns, rows, width, self.GAP, self.EDGE)
        # the title on a line of its own: as a rich table title it would wrap at the table's width
        self._lines(wrap(f"{block.title} ({len(rows)})", width), "italic")
        if layout.blocks:
            self._lines(block_lines(block.columns, rows, width))
            return
        table = Table()
        for i, w in zip(layout.shown, layout.widths):
            column = block.columns[i]
            table.add_column(Text(column.header), width=w, no_wrap=not column.prose, overflow="fold",
                             justify="right" if column.right else "left")
        for row in rows:  # as Text: a cell such as "mem[text]" is data, not rich markup
            table.add_row(*(Text(row[i]) for i in layout.shown))
        self.console.print(table, crop=False)
        self._lines(dropped_note(layout, width), "dim")

    def _code(self, block: Block):
        """The .mod.c with C highlighting, each annotation beside its line or, too narrow for
        that, on a row of its own under it."""
        from rich.syntax import Syntax
        from rich.table import Table
        from rich.text import Text

        rows = _code_rows(block)
        # box=None, pad_edge=False: two padding spaces between columns, none at the edges
        layout = fit(CODE_COLUMNS, rows, self.console.width, 2, 0)
        table = Table(title=block.title, show_header=False, box=None, pad_edge=False)
        table.add_column(justify="right", style="dim", no_wrap=True)
        table.add_column(no_wrap=True)
        if not layout.blocks:
            table.add_column(style="italic cyan", width=layout.widths[2])
        highlighter = Syntax("", "c", theme="ansi_dark")
        for n, line, note in rows:
            code = highlighter.highlight(line)
            code.rstrip()  # in place: Text.rstrip returns None
            if not layout.blocks:
                table.add_row(n, code, Text(note))
                continue
            table.add_row(n, code)
            for part in _note_under(note, self.console.width):
                table.add_row("", Text(part, style="italic cyan"))
        return table


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)


def _ask(out: TextIO, next_name: str | None, width: int | None) -> str:
    """Wait between stages: '' goes on, 'q' stops, a stage name jumps there."""
    what = f"Enter: next stage ({next_name})" if next_name else "Enter: finish"
    out.write("\n".join(wrap(f"-- {what} · q: quit · or a stage name ({', '.join(STAGES)}) --", width)) + " ")
    out.flush()
    try:
        answer = input()
    except EOFError:
        return "q"
    return answer.strip()
