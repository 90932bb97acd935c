"""The real corpus: every .ko of a Debian kernel's modules, as modpost input, through the C
modpost and through pymodpost-modpost; stderr, exit status, every .mod.c and Module.symvers must be
identical (bench/bench_modpost.py does the work and reports mismatches by module)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, require
from tests.fixtures import built_kernel_tree
from tests.x86_kernels import live_x86_tree, pins

# Harder runs on the same inputs (bench_modpost.py --also).  Debian builds 7.3 without
# MODVERSIONS, so its own options write no __versions table: this run adds them, basic and
# extended (-m -b -x; -w, as the Module.symvers has no module_layout and no CRCs).
ALSO = {"7.3": ["-m -b -x -w"]}


def _installed_corpus(kernel: str) -> dict[str, str]:
    # A live comparison: the real modpost and pymodpost on the same kernel's modules (the pinned
    # ABI when installed, else for 6.1 the newest 6.1 one; never a tree of another series).
    tree = live_x86_tree(kernel)
    release = tree.name.removeprefix("linux-headers-")
    require((Path("/lib/modules") / release / "kernel").is_dir(),
            f"package linux-image-{release}-unsigned is not installed (no /lib/modules/{release}/kernel)")
    return dict(os.environ, PYMODPOST_CORPUS_KDIR=str(tree))


def _fetched_corpus(corpus) -> dict[str, str]:
    # Debian's packages fetched, not installed (.ci/run fetches them), checked by the real
    # modpost of the oracle kernel built from the same source.
    reason = corpus.missing(pins.cache_root())
    require(reason is None, reason or "")
    built_kernel_tree(corpus.kernel, "x86_64")
    return dict(os.environ)


@pytest.mark.corpus
@pytest.mark.slow
@pytest.mark.parametrize("kernel", ["6.1", "6.12", "7.3"])
def test_corpus_outputs_identical(kernel):
    corpus = pins.fetched_corpus(kernel)
    env = _installed_corpus(kernel) if corpus is None else _fetched_corpus(corpus)
    also = [arg for options in ALSO.get(kernel, []) for arg in ("--also", options)]
    proc = subprocess.run([sys.executable, str(ROOT / "bench" / "bench_modpost.py"), "--kernel", kernel, *also],
                          capture_output=True, text=True, env=env)
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-2000:]
    assert proc.stdout.count("outputs identical") == 1 + len(ALSO.get(kernel, [])), proc.stdout[-4000:]
