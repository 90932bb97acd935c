"""Where the committed kbuild fixtures of each (kernel, arch) live (testdata/manifest.json).

6.1's sections sit at the top level of the manifest and its folders directly under testdata/
(``testdata/x86_64/``, ``testdata/kernels/x86_64/``); every later kernel has a manifest section
of its own and a folder per kernel (``testdata/6.12/x86_64/``, ``testdata/kernels/6.12/x86_64/``).
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from tests.conftest import TESTDATA, require_programs

MANIFEST = json.loads((TESTDATA / "manifest.json").read_text())
ARCHES = ("x86_64", "riscv64")
KERNELS = ("6.1", "6.12", "7.3")
FIRST_KERNEL = KERNELS[0]  # the one at the top level


def section(kernel: str) -> dict:
    return MANIFEST if kernel == FIRST_KERNEL else MANIFEST.get(kernel, {})


def kernel_arches() -> list[tuple[str, str]]:
    """(kernel, arch) pairs that have fixtures in the manifest."""
    return [(k, a) for k in KERNELS for a in ARCHES if section(k).get(a, {}).get("modules")]


def entry_of(kernel: str, arch: str) -> dict:
    return section(kernel)[arch]


def fixture_dir(kernel: str, arch: str) -> Path:
    return TESTDATA / arch if kernel == FIRST_KERNEL else TESTDATA / kernel / arch


def facts_dir(kernel: str, arch: str) -> Path:
    return TESTDATA / "kernels" / arch if kernel == FIRST_KERNEL else TESTDATA / "kernels" / kernel / arch


def build_base(kernel: str, arch: str) -> str:
    """The directory kbuild built the fixtures of (kernel, arch) in (named by their .cmd files)."""
    root = MANIFEST["build_root"]
    return f"{root}/{arch}" if kernel == FIRST_KERNEL else f"{root}/{kernel}/{arch}"


def fixtures() -> list[tuple[str, str, str]]:
    return [(k, a, name) for k, a in kernel_arches() for name in entry_of(k, a)["modules"]]


def fixture_id(value: tuple[str, str, str]) -> str:
    kernel, arch, name = value
    return f"{arch}/{name}" if kernel == FIRST_KERNEL else f"{kernel}/{arch}/{name}"


def pair_id(value: tuple[str, str]) -> str:
    return value[1] if value[0] == FIRST_KERNEL else "/".join(value)


def built_kernel_tree(kernel: str, arch: str) -> str:
    """Build (or reuse) an oracle kernel with testdata/regen/build-kernel.sh; its tree."""
    require_programs("make", "flex", "bison", "bc",
                     "riscv64-linux-gnu-gcc" if arch == "riscv64" else "gcc")
    script = TESTDATA / "regen" / "build-kernel.sh"
    out = subprocess.run([str(script), kernel, arch], capture_output=True, text=True,
                         timeout=3600)
    assert out.returncode == 0, out.stderr[-2000:]
    return out.stdout.strip().splitlines()[-1]
