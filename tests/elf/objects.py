"""Where the ELF tests find real objects: committed kbuild fixtures, compiled ones, the corpus."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from tests.conftest import TESTDATA

ARCHES = ("x86_64", "riscv64")


def fixture_objects() -> list[Path]:
    """Every .o and .ko the kbuild fixtures hold (real gcc/as/ld/modpost output)."""
    found: list[Path] = []
    for arch in ARCHES:
        base = TESTDATA / arch
        if base.is_dir():
            found += sorted(p for p in base.rglob("*") if p.suffix in (".o", ".ko") and p.is_file())
    return found


def fixture_ids(paths: list[Path]) -> list[str]:
    return [str(p.relative_to(TESTDATA)) for p in paths]


def corpus_modules(limit: int | None = None) -> list[Path]:
    """The pinned Debian image's modules (linux-image-<abi>-unsigned of testdata/manifest.json);
    without the package a skip -- a failure under PYMODPOST_REQUIRE_TIERS -- naming it."""
    from tests.conftest import require
    from tests.x86_kernels import pinned_x86_modules

    mods = sorted(pinned_x86_modules().rglob("*.ko"))
    require(bool(mods), "no .ko in the pinned Debian image's /lib/modules tree")
    return mods[:limit] if limit else mods


C_SOURCE = r"""
#include <stddef.h>
static int counter;
int shared_value = 42;
__thread int per_thread;
const char greeting[] = "hello";
extern int external_thing(int);
static int helper(int x) { return external_thing(x) + counter++; }
int api(int y) { per_thread += y; return helper(y) + shared_value + greeting[y & 3]; }
int (*pointer_to_api)(int) = api;
__attribute__((section(".text.unlikely.cold"))) void cold(void) { counter = 0; }
"""


def compile_object(tmp: Path, compiler: list[str], name: str, extra: list[str] = ()) -> Path:
    """Compile C_SOURCE with a real compiler into ``tmp/name.o``."""
    src = tmp / f"{name}.c"
    src.write_text(C_SOURCE)
    out = tmp / f"{name}.o"
    subprocess.run([*compiler, "-O1", "-ffunction-sections", *extra, "-c", str(src), "-o", str(out)],
                   check=True, capture_output=True)
    return out


def have(*programs: str) -> bool:
    return all(shutil.which(p) for p in programs)
