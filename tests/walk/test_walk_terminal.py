"""The interactive walk in a real terminal (a pty through pexpect): rich output, a pause after
each stage, Enter goes on, a stage name jumps, q stops.  The screen is read between stages and
checked against the fixture's real data (kbuild's .mod.c, GNU ld's .ko)."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import pytest

from tests.conftest import TESTDATA

pexpect = pytest.importorskip("pexpect")

ROOT = Path(__file__).resolve().parents[2]
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
PROMPT = r"q: quit"


def screen(child) -> str:
    return ANSI.sub("", child.before)


@pytest.mark.parametrize("arch", ["x86_64", "riscv64"])
def test_interactive_walk(arch):
    obj = TESTDATA / arch / "params" / "params.o"
    first_crc, first_sym = re.search(r'\{ (0x[0-9a-f]+), "([^"]+)" \},',
                                     (TESTDATA / arch / "params" / "params.mod.c").read_text()).groups()
    env = dict(os.environ, TERM="xterm-256color", COLUMNS="220", LINES="60")
    child = pexpect.spawn(sys.executable, ["-m", "pymodpost", "walk", str(obj)], cwd=str(ROOT), env=env,
                          encoding="utf-8", codec_errors="replace", dimensions=(60, 220), timeout=120)
    try:
        child.expect(PROMPT)
        text = screen(child)
        assert "[1/6] object" in text and "made init_module an alias of params_init" in text
        assert "Enter: next stage (modpost)" in text
        assert "\x1b[" in child.before  # rich styled it: this is a terminal, not the plain renderer

        child.sendline("")
        child.expect(PROMPT)
        text = screen(child)
        assert "[2/6] modpost" in text and "[1/6]" not in text
        row = next(line for line in text.splitlines() if re.search(rf"\b{re.escape(first_sym)}\b", line))
        assert first_crc in row  # the CRC kbuild's real modpost wrote into the .mod.c

        child.sendline("")
        child.expect(PROMPT)
        text = screen(child)
        assert "[3/6] mod.c" in text
        row = next(line for line in text.splitlines() if f'"{first_sym}"' in line)
        assert first_crc in row and f"CRC of {first_sym} from vmlinux's Module.symvers" in row

        child.sendline("link")  # jump over mod.o
        child.expect(PROMPT)
        text = screen(child)
        assert "[5/6] link" in text and "[3/6]" not in text
        assert "byte-identical to GNU ld's" in text

        child.sendline("q")
        child.expect(pexpect.EOF)
    finally:
        child.close()
    assert child.exitstatus == 0
