"""docs/tutorial.md is generated from real runs of the commands; regenerating it changes nothing."""

from __future__ import annotations

import json
import lzma
import subprocess
import sys

from tests.conftest import ROOT


def test_tutorial_matches_a_fresh_generation():
    proc = subprocess.run([sys.executable, str(ROOT / "docs" / "tutorial" / "generate.py"), "--check"],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr


def real_kernel_messages(arch: str, module: str) -> list[str]:
    """What the real kernel logged for ``module`` in the committed qemu capture."""
    capture = json.loads(lzma.decompress((ROOT / "testdata" / "load" / arch / "oracle.json.xz").read_bytes()))
    return [m for entry in capture["modules"] if entry.get("name") == module for m in entry.get("messages", [])]


def test_tutorial_shows_the_real_tools_verdicts():
    text = (ROOT / "docs" / "tutorial.md").read_text()
    # the refusal shown is the one the real riscv64 kernel logged for this module
    real_refusal = real_kernel_messages("riscv64", "eh_frame")
    assert real_refusal and all(f"  {line}" in text for line in real_refusal)
    # the modpost message explained is the real modpost's, taken from the fixture
    real = (ROOT / "testdata" / "x86_64" / "gpl_only" / "modpost.stderr").read_text().splitlines()[0]
    assert real in text
