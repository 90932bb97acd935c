"""Replay a recorded real-kbuild modpost run (testdata/<arch>/<name>/ for 6.1,
testdata/<kernel>/<arch>/<name>/ for later kernels: :mod:`tests.fixtures`) through pymodpost
speaking that kernel's dialect.

kbuild ran the real modpost with absolute paths (the build directory, the kernel tree) that do
not exist on the machine running the tests, so a replay copies the fixture directory (and the
fixtures it depends on) under a temporary root, rewrites those paths in the command line, stdin
and the text files modpost reads (.mod, .cmd, Module.symvers), puts the kernel's committed
Module.symvers in a stand-in kernel tree, runs modpost in the mapped CWD kbuild used (6.1 and
6.12: the kernel tree; 7.3: the module's own directory) and maps paths back in what it produced.
"""

from __future__ import annotations

import json
import lzma
import shutil
from dataclasses import dataclass
from pathlib import Path

from tests import fixtures as kernel_fixtures
from tests.conftest import TESTDATA

TEXT_SUFFIXES = (".mod", ".cmd", ".symvers", ".order")


@dataclass
class Replay:
    status: int
    stderr: str
    outputs: dict[str, bytes]           # relative to the fixture dir -> bytes written
    expected_status: int
    expected_stderr: str
    expected_outputs: dict[str, bytes]  # the files the real modpost left


def manifest() -> dict:
    return json.loads((TESTDATA / "manifest.json").read_text())


def fixtures(arch: str, kernel: str = kernel_fixtures.FIRST_KERNEL) -> list[str]:
    base = kernel_fixtures.fixture_dir(kernel, arch)
    if not base.is_dir():
        return []
    return sorted(p.name for p in base.iterdir() if (p / "modpost.argv").is_file())


def kernels_with_fixtures() -> list[str]:
    return [k for k in kernel_fixtures.KERNELS if any(fixtures(a, k) for a in kernel_fixtures.ARCHES)]


def _rewrite_file(path: Path, mapping: list[tuple[str, str]]) -> None:
    data = path.read_bytes()
    new = data
    for old, repl in mapping:
        new = new.replace(old.encode(), repl.encode())
    if new != data:
        path.write_bytes(new)


def _unmap(text: str, mapping: list[tuple[str, str]]) -> str:
    for old, repl in mapping:
        text = text.replace(repl, old)
    return text


def expected_outputs(fixture: Path, modules: list[str]) -> dict[str, bytes]:
    out = {}
    for m in modules:
        p = fixture / f"{m}.mod.c"
        if p.exists():
            out[f"{m}.mod.c"] = p.read_bytes()
    if (fixture / "Module.symvers").exists():
        out["Module.symvers"] = (fixture / "Module.symvers").read_bytes()
    return out


def replay(arch: str, name: str, tmp: Path, run, kernel: str = kernel_fixtures.FIRST_KERNEL) -> Replay:
    """``run(argv, cwd, stdin, dialect) -> (status, stderr, outputs)``; outputs keyed by the
    paths given."""
    info = kernel_fixtures.entry_of(kernel, arch)
    mod_info = info["modules"][name]
    build_root = str(Path(mod_info["build_dir"]).parent)
    fixtures_of_kernel = kernel_fixtures.fixture_dir(kernel, arch)
    recorded_cwd = (fixtures_of_kernel / name / "modpost.cwd").read_text().strip()
    real_modpost = (fixtures_of_kernel / name / "modpost.argv").read_text().split("\n", 1)[0]
    if recorded_cwd.startswith(build_root + "/") or recorded_cwd == build_root:
        # 7.3's kbuild runs modpost in the module's directory: the tree is where modpost lives
        kernel_tree = str(Path(real_modpost).parent.parent.parent)
    else:
        kernel_tree = recorded_cwd
    root = tmp / "build"
    kdir = tmp / "kernel"
    kdir.mkdir(parents=True)
    symvers_xz = kernel_fixtures.facts_dir(kernel, arch) / "Module.symvers.xz"
    (kdir / "Module.symvers").write_bytes(lzma.decompress(symvers_xz.read_bytes()))
    mapping = [(build_root, str(root)), (kernel_tree, str(kdir))]

    for dep in [name, *mod_info.get("needs", [])]:
        shutil.copytree(fixtures_of_kernel / dep, root / dep, symlinks=True)
    fixture = fixtures_of_kernel / name
    modules = mod_info.get("modules", [name])
    expected = expected_outputs(fixture, modules)
    work = root / name
    # what modpost writes must not be there before it runs (write_if_changed would keep it)
    for rel in expected:
        (work / rel).unlink()
    for p in root.rglob("*"):
        if p.is_file() and (p.name.endswith(TEXT_SUFFIXES) or p.name in ("Module.symvers", "modpost.stdin")):
            _rewrite_file(p, mapping)

    argv = (fixture / "modpost.argv").read_text().split("\n")
    if argv and argv[-1] == "":
        argv.pop()
    argv = [_map(a, mapping) for a in argv[1:]]
    stdin = (work / "modpost.stdin").read_text() if (work / "modpost.stdin").exists() else ""
    cwd = _map(recorded_cwd, mapping)
    status, stderr, outputs = run(argv, cwd, stdin, kernel)
    produced = {}
    for path, data in outputs.items():
        full = Path(path) if Path(path).is_absolute() else Path(cwd) / path
        try:
            rel = str(full.relative_to(work))
        except ValueError:
            continue
        produced[rel] = _unmap(data.decode("utf-8", "surrogateescape"), mapping).encode("utf-8", "surrogateescape")
    return Replay(status, _unmap(stderr, mapping), produced,
                  int((fixture / "modpost.status").read_text().strip()),
                  (fixture / "modpost.stderr").read_text(), expected)


def _map(text: str, mapping: list[tuple[str, str]]) -> str:
    for old, repl in mapping:
        text = text.replace(old, repl)
    return text


def run_library(argv: list[str], cwd: str, stdin: str, kernel: str = kernel_fixtures.FIRST_KERNEL):
    from pymodpost.modpost import run

    result = run(argv, cwd=cwd, stdin=stdin, dialect=kernel)
    return result.status, result.stderr, result.outputs
