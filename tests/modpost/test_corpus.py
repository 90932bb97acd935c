"""The real corpus: every .ko of Debian's linux-image package, as modpost input, through the C
modpost and through pymodpost-modpost; stderr, exit status, every .mod.c and Module.symvers must be
identical (bench/bench_modpost.py does the work and reports mismatches by module)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, require
from tests.x86_kernels import live_x86_tree


@pytest.mark.corpus
@pytest.mark.slow
@pytest.mark.parametrize("kernel", ["6.1", "6.12"])
def test_corpus_outputs_identical(kernel):
    # A live comparison: the real modpost and pymodpost on the same kernel's modules (the pinned
    # ABI when installed, else for 6.1 the newest 6.1 one; never a tree of another series).
    tree = live_x86_tree(kernel)
    release = tree.name.removeprefix("linux-headers-")
    require((Path("/lib/modules") / release / "kernel").is_dir(),
            f"package linux-image-{release}-unsigned is not installed (no /lib/modules/{release}/kernel)")
    env = dict(os.environ, PYMODPOST_CORPUS_KDIR=str(tree))
    proc = subprocess.run([sys.executable, str(ROOT / "bench" / "bench_modpost.py"), "--kernel", kernel],
                          capture_output=True, text=True, env=env)
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-2000:]
    assert "outputs identical" in proc.stdout
