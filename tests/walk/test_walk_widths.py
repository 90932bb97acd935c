"""The walk in an 80- and a 120-column terminal: no line wider than the terminal, and every
symbol, type, address and byte string of every table whole on one line (issue #16: the load
stage's relocation table used to wrap "R_X86_64_P / C32").  Plain output (COLUMNS) and rich
(a console of that width, and a real pty) on fixtures of both arches and 6.1, 6.12 and 7.3."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from pymodpost.walk.walk import prepare, walk
from tests.conftest import whole_rows_env
from tests.fixtures import fixture_dir

ROOT = Path(__file__).resolve().parents[2]
WIDTHS = (80, 120)
KERNEL_ARCHES = [("6.1", "x86_64"), ("6.1", "riscv64"), ("6.12", "x86_64"), ("6.12", "riscv64"),
                 ("7.3", "x86_64"), ("7.3", "riscv64")]
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
#: a character that is not a cell separator (space or one of rich's box lines)
INSIDE = r"[^\s│┃]"


def params_object(kernel: str, arch: str) -> Path:
    return fixture_dir(kernel, arch) / "params" / "params.o"


@pytest.fixture(scope="module", params=KERNEL_ARCHES, ids=lambda p: "/".join(p))
def stages(request, tmp_path_factory):
    kernel, arch = request.param
    ctx = prepare(str(params_object(kernel, arch)), tmp_path_factory.mktemp(arch), kernel=kernel)
    return kernel, arch, list(walk(ctx))


def rich_output(stages, width: int) -> str:
    from pymodpost.walk.walk_render import RichRenderer

    out = io.StringIO()
    renderer = RichRenderer(out, width=width)
    for stage in stages:
        renderer.stage(stage)
    return out.getvalue()


def plain_output(kernel: str, arch: str, width: int) -> str:
    env = whole_rows_env(COLUMNS=str(width))
    proc = subprocess.run([sys.executable, "-m", "pymodpost", "walk", str(params_object(kernel, arch)),
                           "--kernel", kernel, "--plain"], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def check_fits(text: str, stages, width: int) -> None:
    """No line is wider than ``width``; in the part of the output each table owns (from its title
    to the next table's), every value of each unbreakable column shown there occurs whole as
    often as the table has it -- a cell split over two lines would be missing from the count."""
    lines = [line.rstrip() for line in ANSI.sub("", text).splitlines()]
    assert max(len(line) for line in lines) <= width, [line for line in lines if len(line) > width][:3]
    tables = [block for stage in stages for block in stage.blocks if block.kind == "table" and block.rows]
    assert any(b.title == "relocations applied" for b in tables)
    starts, position = [], 0
    for block in tables:  # the tables' titles, in the order they were shown
        title = f"{block.title} ({len(block.rows)})"
        position = next(i for i in range(position, len(lines)) if title in lines[i])
        starts.append(position)
    checked = 0
    for block, start, end in zip(tables, starts, [*starts[1:], len(lines)]):
        part = "\n".join(lines[start:end])
        note = re.search(r"\(not shown at this width: ([^;]+);", " ".join(part.split()))
        dropped = set(note.group(1).split(", ")) if note else set()
        for i, column in enumerate(block.columns):
            if column.prose or column.header in dropped:
                continue
            # (stripped: riscv's assembler names local labels ".L0 ", a space that no line can end in)
            values = [str(row[i]).strip() for row in block.rows if str(row[i] or "").strip()]
            for value in set(values):
                found = len(re.findall(rf"(?<!{INSIDE}){re.escape(value)}(?!{INSIDE})", part))
                assert found >= values.count(value), (block.title, column.header, value, found)
                checked += 1
    assert checked > 100


@pytest.mark.parametrize("width", WIDTHS)
def test_plain_walk_fits_the_terminal(stages, width):
    kernel, arch, shown = stages
    check_fits(plain_output(kernel, arch, width), shown, width)


@pytest.mark.parametrize("width", WIDTHS)
def test_rich_walk_fits_the_terminal(stages, width):
    _, _, shown = stages
    check_fits(rich_output(shown, width), shown, width)


def test_narrow_relocations_are_one_block_each_and_wide_ones_a_table(stages):
    """At 120 columns the relocations are a table led by type and symbol; at 80 riscv64's (long
    type names, 8-byte instructions) are one block of "header value" lines each, every field
    there -- x86_64's too where the symbols or addresses are long (7.3)."""
    kernel, arch, shown = stages
    load = next(s for s in shown if s.name == "load")
    first = next(b for b in load.blocks if b.title == "relocations applied").rows[0]
    for width in WIDTHS:
        lines = plain_output(kernel, arch, width).splitlines()
        start = lines.index(next(line for line in lines if line.startswith("--- relocations applied")))
        if lines[start + 1].startswith("- "):
            keys = [line.split()[0] for line in lines[start + 2:start + 11]]
            assert width == 80 and lines[start + 1].split() == ["-", "section", first[0]]
            assert keys == ["#", "type", "symbol", "formula", "S", "A", "P", "before", "after"] or \
                keys[:3] == ["#", "type", "symbol"]  # (a long formula wraps onto a line of its own)
            assert lines[start + 3].split() == ["type", first[2]] and lines[start + 4].split() == ["symbol", first[3]]
        else:
            assert not (arch == "riscv64" and width == 80)
            assert lines[start + 1].split()[:2] in (["type", "symbol"], ["section", "#"]), lines[start + 1]
            assert {first[2], first[3].strip()} <= set(lines[start + 2].split())


def test_a_pipe_without_columns_keeps_whole_rows():
    proc = subprocess.run([sys.executable, "-m", "pymodpost", "walk", str(params_object("6.1", "x86_64")),
                           "--stage", "load"], cwd=ROOT, env=whole_rows_env(), capture_output=True, text=True,
                          timeout=300)
    lines = proc.stdout.splitlines()
    header = lines[lines.index("--- relocations applied (60)") + 1]
    assert header.split() == ["section", "#", "type", "symbol", "formula", "S", "A", "P", "before", "after"]
    assert max(len(line) for line in lines) > 150  # (188: one line a relocation)


@pytest.mark.parametrize("width", WIDTHS)
def test_interactive_walk_in_a_terminal_of_that_width(width):
    """The rich walk in a real pty of ``width`` columns, every stage: no line wider."""
    pexpect = pytest.importorskip("pexpect")
    obj = params_object("6.12", "riscv64")
    env = dict(os.environ, TERM="xterm-256color", COLUMNS=str(width), LINES="50")
    child = pexpect.spawn(sys.executable, ["-m", "pymodpost", "walk", str(obj), "--kernel", "6.12"], cwd=str(ROOT),
                          env=env, encoding="utf-8", codec_errors="replace", dimensions=(50, width), timeout=120)
    screens = []
    try:
        for _ in range(6):
            child.expect(r"load\) -- ")
            screens.append(child.before + child.after)
            child.sendline("")
        child.expect(pexpect.EOF)
    finally:
        child.close()
    text = ANSI.sub("", "".join(screens))
    assert "[6/6] load" in text and "mem[text]" in text
    lines = [line.rstrip() for line in text.replace("\r", "").splitlines()]
    assert max(len(line) for line in lines) <= width, [line for line in lines if len(line) > width][:3]
