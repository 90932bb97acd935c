"""The real corpus: every .ko of Debian's linux-image package, as modpost input, through the C
modpost and through pymodpost-modpost; stderr, exit status, every .mod.c and Module.symvers must be
identical (bench/bench_modpost.py does the work and reports mismatches by module)."""

from __future__ import annotations

import glob
import subprocess
import sys

import pytest

from tests.conftest import ROOT, require


@pytest.mark.corpus
@pytest.mark.slow
def test_corpus_outputs_identical():
    require(bool(glob.glob("/lib/modules/*/kernel/**/*.ko", recursive=True)),
            "Debian linux-image .ko files not installed")
    require(bool(glob.glob("/usr/src/linux-headers-6.1.*-amd64/scripts/mod/modpost.real-lsb-64")),
            "Debian linux-headers-amd64 not installed")
    proc = subprocess.run([sys.executable, str(ROOT / "bench" / "bench_modpost.py")], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-2000:]
    assert "outputs identical" in proc.stdout
