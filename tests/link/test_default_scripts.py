"""The recorded built-in ``-r`` scripts are the ones the installed GNU ld prints (--verbose)."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from pymodpost.arch.target import by_emulation
from pymodpost.link.default_scripts import default_script
from tests.conftest import require

LDS = {"elf_x86_64": ["ld", "-r", "--verbose", "-m", "elf_x86_64"],
       "elf64lriscv": ["riscv64-linux-gnu-ld", "-r", "--verbose"]}


def _statements(text: str) -> list[tuple]:
    """(name, address 0?, constraint, clause patterns) of each output section statement;
    a repeated plain statement is the same statement to ld, so only the first counts."""
    body = re.sub(r"/\*.*?\*/", "", text.split("=" * 50)[1], flags=re.S)
    body = body[body.index("SECTIONS"):]
    body = body[body.index("{") + 1:body.rindex("}")]
    seen, out = set(), []
    for m in re.finditer(r"([-.\w]+)\s*(0?)\s*:\s*(ONLY_IF_RO|ONLY_IF_RW)?\s*\{(.*?)\}\s*",
                         body, re.S):
        name, zero, constraint, inner = m.groups()
        inner = inner.replace("SORT_NONE(", "").replace("KEEP (", "").replace("))", ")")
        clauses = tuple(tuple(c.split()) for c in re.findall(r"\*\(([^)]*)\)", inner))
        key = (name, constraint)
        if key in seen:
            continue
        seen.add(key)
        out.append((name, bool(zero), constraint[8:] if constraint else None, clauses))
    return out


@pytest.mark.kbuild
@pytest.mark.parametrize("emulation", LDS)
def test_builtin_script_matches_installed_ld(emulation):
    cmd = LDS[emulation]
    require(shutil.which(cmd[0]) is not None, f"not installed: {cmd[0]}")
    real = _statements(subprocess.run(cmd, capture_output=True, text=True, check=True).stdout)
    ours = [(s.name, s.address == 0, s.constraint,
             tuple(tuple(p.pattern for p in c.sections) for c in s.items))
            for s in default_script(by_emulation(emulation)).sections]
    assert ours == real
