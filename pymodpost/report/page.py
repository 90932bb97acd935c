"""Fill the report templates: a walk of one module (``walk --html``, ``demo --html``) and the
semantic diff of two objects (``diff --html``).

Jinja2 with autoescaping on (every string from an ELF file -- section and symbol names, .modinfo
values -- is text, never markup); the ``.mod.c`` highlighted by Pygments' C lexer.  The result is
one HTML file with its CSS, script and pictures inline.
"""

from __future__ import annotations

import json
from functools import lru_cache

from pathlib import Path

from markupsafe import Markup, escape

from pymodpost.errors import InputError
from pymodpost.fileio import write_atomic
from pymodpost.report.pictures import link_picture, memory_map

#: the permission classes of the memory map, in the order the legend lists them
PERMISSIONS = (("text", "text: read-only, executable"), ("rodata", "rodata: read-only"),
               ("ro_after_init", "ro_after_init: read-only once init returns"),
               ("data", "data: read-write"), ("init", "init: freed after init"))


@lru_cache(maxsize=1)
def _environment():
    from jinja2 import Environment, PackageLoader, StrictUndefined

    env = Environment(loader=PackageLoader("pymodpost.report", "templates"), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    return env


def highlight_c(lines: list[str]) -> list[Markup]:
    """Each line of C as highlighted HTML: Pygments' C lexer finds the tokens, each becomes a
    span of its token class (pygments.token's short names, coloured by report.css), escaped
    here -- Pygments' own formatter escapes differently from release to release."""
    from pygments.lexers import CLexer
    from pygments.token import STANDARD_TYPES

    lexer = CLexer(stripnl=False, ensurenl=False)
    out = []
    for line in lines:
        parts = []
        for ttype, value in lexer.get_tokens(line):
            while ttype not in STANDARD_TYPES:
                ttype = ttype.parent
            css = STANDARD_TYPES[ttype]
            text = escape(value)
            parts.append(Markup(f'<span class="{css}">{text}</span>') if css and css != "w" else text)
        out.append(Markup("").join(parts))
    return out


def _check_explanations(checks: list[dict]) -> list[dict]:
    """Each modpost check with what ``explain`` says: for a failure, about its message; for a
    pass, what the check guards against."""
    from pymodpost.explain.explain import Explanation, explain_message
    from pymodpost.explain.messages import ENTRIES
    from pymodpost.walk.walk import CHECKS

    entries = {e.key: e for e in ENTRIES}
    keys = dict(CHECKS)
    out = []
    for check in checks:
        if check["message"]:
            exp = explain_message(check["message"])
            meaning, fix = (exp.meaning, exp.fix) if exp.known else ("", "")
        else:
            first = entries.get(keys.get(check["check"], ("",))[0])
            meaning, fix = (Explanation("", first).meaning, "") if first else ("", "")
        out.append({**check, "meaning": meaning, "fix": fix})
    return out


def _script_json(value) -> Markup:
    """JSON for a ``<script type="application/json">`` element: ``</`` cannot end it early."""
    return Markup(json.dumps(value, separators=(",", ":")).replace("</", "<\\/"))


def walk_report(doc: dict) -> str:
    """The page for one walk document (the dict ``walk --json`` prints, with each stage's notes)."""
    stages = {s["name"]: s for s in doc["stages"]}
    extra: dict = {}
    if "modpost" in stages:
        extra["checks"] = _check_explanations(stages["modpost"]["data"].get("checks", []))
    if "mod.c" in stages:
        lines = stages["mod.c"]["data"].get("lines", [])
        extra["modc"] = list(zip(highlight_c([line["text"] for line in lines]), (l["note"] for l in lines)))
    if "link" in stages and stages["link"]["data"].get("placement"):
        extra["link_svg"] = Markup(link_picture(stages["link"]["data"]["placement"]))
    load = stages.get("load", {}).get("data", {})
    if load.get("allocations"):
        extra["memory_svg"] = Markup(memory_map(load))
        extra["relocations_json"] = _script_json(load.get("relocations", []))
    return _environment().get_template("walk.html.j2").render(
        doc=doc, stages=stages, permissions=PERMISSIONS, **extra)


def output_path(path: str) -> Path:
    """Where a page goes, checked before any work: its directory must exist."""
    where = Path(path)
    if not where.parent.is_dir():
        raise InputError(path, f"cannot write: no directory {where.parent}")
    return where


def write_page(path, page: str) -> None:
    """Write a page atomically; a failure is one error naming the file."""
    try:
        write_atomic(path, page)
    except OSError as e:
        raise InputError(str(path), f"cannot write: {e.strerror or e}") from None


def report_walk(obj, work, kernel: str | None = None) -> tuple[dict, str]:
    """Walk ``obj`` through every stage (outputs in ``work``) and draw it: (document, page)."""
    from pymodpost.walk.walk import prepare, walk, walk_document

    ctx = prepare(str(obj), work, kernel=kernel)
    doc = walk_document(ctx, list(walk(ctx)))
    return doc, walk_report(doc)


_DIFFERENCE_KINDS = {"section": "section", "sections": "section", "symbol": "symbol", "ELF": "header"}


def diff_report(path_a: str, path_b: str, result, sections_a: list[dict], sections_b: list[dict]) -> str:
    """The page for ``diff A B``: the verdict, each difference, and both section lists side by side."""
    names = list(dict.fromkeys([s["name"] for s in sections_a] + [s["name"] for s in sections_b]))
    a = {s["name"]: s for s in sections_a}
    b = {s["name"]: s for s in sections_b}
    rows = [{"name": n, "a": a.get(n), "b": b.get(n), "same": a.get(n) == b.get(n)} for n in names]
    groups: dict[str, list[str]] = {}
    for line in result.differences:  # elf/diff.py's sentences start with what they are about
        kind = _DIFFERENCE_KINDS.get(line.split(" ", 1)[0], "other")
        groups.setdefault(kind, []).append(line)
    return _environment().get_template("diff.html.j2").render(
        a=path_a, b=path_b, result=result, rows=rows, groups=groups)
