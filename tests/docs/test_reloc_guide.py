"""docs/reloc.md is generated from real runs of pymodpost.reloc; regenerating it changes nothing."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT


def test_reloc_guide_matches_a_fresh_generation():
    proc = subprocess.run([sys.executable, str(ROOT / "docs" / "reloc" / "generate.py"), "--check"],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr


def test_reloc_guide_shows_the_real_kernels_words():
    """The x86 overflow lines shown are the ones the real 6.1 kernel logged (qemu capture)."""
    from tests.load.oracle_data import load_oracle

    (entry,) = [e for e in load_oracle("x86_64")["modules"] if e["path"] == "damaged:overflow_32s"]
    text = (ROOT / "docs" / "reloc.md").read_text()
    real = [m for m in entry["messages"] if "relocation" in m]
    assert real and real[0] in text
    assert "module: `module' likely not compiled with -mcmodel=kernel" in text
