"""Showing walk stages: plain text (pipes, files, tests) or rich (a terminal).

rich is imported only by :class:`RichRenderer`, which the CLI builds only for a terminal.
"""

from __future__ import annotations

from typing import TextIO

from pymodpost.walk.walk import STAGES, Block, WalkStage


def _heading(stage: WalkStage) -> str:
    number = STAGES.index(stage.name) + 1
    return f"[{number}/{len(STAGES)}] {stage.name}: {stage.title} -- {'ok' if stage.ok else 'FAILED'}"


class _Renderer:
    out: TextIO

    def prompt(self, next_name: str | None) -> str:
        return _ask(self.out, next_name)


class PlainRenderer(_Renderer):
    def __init__(self, out: TextIO):
        self.out = out

    def stage(self, stage: WalkStage) -> None:
        heading = _heading(stage)
        lines = ["=" * len(heading), heading, "=" * len(heading)]
        for block in stage.blocks:
            lines += self._block(block)
        self.out.write("\n".join(lines) + "\n\n")
        self.out.flush()

    def _block(self, block: Block) -> list[str]:
        if block.kind == "text":
            return [block.text]
        if block.kind == "code":
            width = max((len(line) for line in block.text.splitlines()), default=0)
            out = [f"--- {block.title}"]
            for n, (line, note) in enumerate(zip(block.text.splitlines(), block.notes), 1):
                out.append(f"{n:3d}  {line:<{width}}  // {note}" if note else f"{n:3d}  {line}".rstrip())
            return out
        rows = [tuple("" if v is None else str(v) for v in row) for row in block.rows]
        widths = [max([len(h)] + [len(r[i]) for r in rows]) for i, h in enumerate(block.headers)]
        out = [f"--- {block.title} ({len(rows)})"]
        if rows:
            out.append("  ".join(h.ljust(w) for h, w in zip(block.headers, widths)).rstrip())
            out += ["  ".join(v.ljust(w) for v, w in zip(r, widths)).rstrip() for r in rows]
        return out


class RichRenderer(_Renderer):
    def __init__(self, out: TextIO):
        from rich.console import Console

        self.console = Console(file=out, highlight=False)
        self.out = out

    def stage(self, stage: WalkStage) -> None:
        from rich.rule import Rule

        style = "bold green" if stage.ok else "bold red"
        self.console.print(Rule(f"[{style}]{_escape(_heading(stage))}[/]"))
        for block in stage.blocks:
            self.console.print(self._block(block))
        self.console.print()

    def _block(self, block: Block):
        from rich.syntax import Syntax
        from rich.table import Table
        from rich.text import Text

        if block.kind == "text":
            return Text(block.text)
        if block.kind == "code":
            table = Table(title=block.title, show_header=False, box=None, pad_edge=False)
            table.add_column(justify="right", style="dim")
            table.add_column()
            table.add_column(style="italic cyan")
            highlighter = Syntax("", "c", theme="ansi_dark")
            for n, (line, note) in enumerate(zip(block.text.splitlines(), block.notes), 1):
                code = highlighter.highlight(line)
                code.rstrip()  # in place: Text.rstrip returns None
                table.add_row(str(n), code, note)
            return table
        table = Table(title=f"{block.title} ({len(block.rows)})", title_justify="left")
        for header in block.headers:
            table.add_column(header, overflow="fold")
        for row in block.rows:
            table.add_row(*("" if v is None else str(v) for v in row))
        return table


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)


def _ask(out: TextIO, next_name: str | None) -> str:
    """Wait between stages: '' goes on, 'q' stops, a stage name jumps there."""
    what = f"Enter: next stage ({next_name})" if next_name else "Enter: finish"
    out.write(f"-- {what} · q: quit · or a stage name ({', '.join(STAGES)}) -- ")
    out.flush()
    try:
        answer = input()
    except EOFError:
        return "q"
    return answer.strip()
