"""The built-in ``ld -r`` script of an emulation, as a :class:`LinkerScript`.

The statements themselves are the target's data (:mod:`pymodpost.arch.ld_scripts`, one token per
statement; the token format is described there).
"""

from __future__ import annotations

from pymodpost.arch.target import Target
from pymodpost.link.script import InputClause, LinkerScript, OutputSection, SectionPattern


def _statement(tok: str, line: int) -> OutputSection:
    head, _, clauses = tok.partition("=")
    head, _, constraint = head.partition("@")
    no_address = head.endswith("!")
    name = head.rstrip("!")
    groups = [g.split(",") for g in clauses.split(";")] if clauses else [[name]]
    items = tuple(InputClause("*", tuple(SectionPattern(p) for p in g)) for g in groups)
    return OutputSection(name, None if no_address else 0, None, items, line,
                         constraint=constraint or None)


def default_script(target: Target) -> LinkerScript:
    return LinkerScript(f"<built-in {target.emulation} -r script>",
                        tuple(_statement(t, i) for i, t in enumerate(target.ld_script_tokens(), 1)))
