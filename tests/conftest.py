"""Test tiers: plain tests need only Python and testdata/; the others need real tools.

A test that needs a tool calls :func:`require` (or uses a marker plus ``require``); when the tool
is missing it is skipped with the reason -- unless ``PYMODPOST_REQUIRE_TIERS=1`` (set by CI),
in which case the missing tool is a failure, so CI can never pass by skipping.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TESTDATA = ROOT / "testdata"


def tiers_required() -> bool:
    return os.environ.get("PYMODPOST_REQUIRE_TIERS", "") not in ("", "0")


def require(condition: bool, reason: str) -> None:
    """Skip (or, in CI, fail) the calling test unless ``condition`` holds."""
    if condition:
        return
    if tiers_required():
        pytest.fail(f"required tool missing (PYMODPOST_REQUIRE_TIERS is set): {reason}")
    pytest.skip(reason)


def require_programs(*names: str) -> None:
    missing = [n for n in names if shutil.which(n) is None]
    require(not missing, "not installed: " + ", ".join(missing))


def cached_kernel_tree(kernel: str, arch: str) -> Path:
    """Where testdata/regen/build-kernel.sh puts the O= tree of ``kernel`` for ``arch``:
    ``<cache>/<arch>-<kernel>/build`` under ``$PYMODPOST_CACHE`` (default ~/.cache/pymodpost),
    wherever the fixtures' own tree was (the manifest records the recording machine's path)."""
    from pymodpost.harness.kernels import cache_root

    return cache_root() / f"{arch}-{kernel}" / "build"


@pytest.fixture(scope="session")
def testdata() -> Path:
    return TESTDATA
