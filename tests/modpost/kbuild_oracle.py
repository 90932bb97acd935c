"""Run a real kernel's kbuild on the fixture modules and record its own modpost run.

Each module of ``testdata/modules`` (those the x86_64 fixtures build, with their ``needs`` first)
is built with ``make -C <headers> M=<dir> MODPOST=<recording wrapper> modules``.  The wrapper
(testdata/regen/modpost-wrapper.sh) runs the real modpost with kbuild's exact command line and
keeps that command line, its directory, stderr and exit status; the files modpost wrote
(``*.mod.c``, ``Module.symvers``) are kept aside.  :func:`replay_ours` then runs our modpost with
the recorded command line in the same place, so the two runs can be compared byte for byte.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from tests.conftest import TESTDATA

WRAPPER = TESTDATA / "regen" / "modpost-wrapper.sh"


@dataclass
class RealRun:
    name: str
    where: Path                 # the module's build directory
    argv: list[str]             # modpost's arguments as kbuild gave them (without the program)
    cwd: str                    # where kbuild ran modpost
    stderr: str
    status: int
    outputs: dict[str, bytes]   # what modpost wrote, relative to ``where``


def x86_64_specs() -> dict[str, dict]:
    """The x86_64 fixture modules (testdata/manifest.json): name -> needs, kcflags."""
    import json

    modules = json.loads((TESTDATA / "manifest.json").read_text())["x86_64"]["modules"]
    return {name: {"needs": m.get("needs", []), "kcflags": m.get("kcflags")} for name, m in modules.items()}


def clean_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("KBUILD_", "KCFLAGS", "KAFLAGS", "ARCH", "CROSS_COMPILE", "MAKEFLAGS", "MFLAGS",
                                "MAKELEVEL", "PYMODPOST_DIALECT"))}
    env["LC_ALL"] = env["LANG"] = "C"
    return env


def modpost_outputs(where: Path) -> dict[str, bytes]:
    out = {}
    for p in sorted(where.glob("*.mod.c")) + [where / "Module.symvers"]:
        if p.is_file():
            out[p.name] = p.read_bytes()
    return out


def build_all(headers: str, root: Path, real_modpost: str) -> tuple[dict[str, RealRun], dict[str, list[str]]]:
    """Build every x86_64 fixture module under ``root`` with the kbuild of ``headers``: the
    recorded modpost runs, and the modules that did not compile (name -> first error line)."""
    runs = {}
    unbuildable: dict[str, list[str]] = {}
    specs = x86_64_specs()
    done: set[str] = set()

    def build(name: str) -> None:
        if name in done:
            return
        for dep in specs[name]["needs"]:
            build(dep)
        done.add(name)
        where = root / name
        shutil.copytree(TESTDATA / "modules" / name, where)
        argv = ["make", "-s", "-C", headers, f"M={where}", f"MODPOST={WRAPPER}"]
        if specs[name]["kcflags"]:
            argv += [f"KCFLAGS={specs[name]['kcflags']}", f"KAFLAGS={specs[name]['kcflags']}"]
        env = clean_env()
        env["PYMODPOST_RECORD_DIR"] = str(where)
        env["PYMODPOST_REAL_MODPOST"] = real_modpost
        proc = subprocess.run(argv + ["modules"], stdin=subprocess.DEVNULL, capture_output=True, env=env,
                              cwd=where)
        if not (where / "modpost.argv").is_file():
            # the module does not compile for this kernel (e.g. 6.12 has no <asm-generic/export.h>)
            unbuildable[name] = proc.stderr.decode(errors="replace").strip().splitlines()[:1]
            return
        recorded = (where / "modpost.argv").read_text().split("\n")[1:-1]
        runs[name] = RealRun(name, where, recorded, (where / "modpost.cwd").read_text().strip(),
                             (where / "modpost.stderr").read_text(errors="surrogateescape"),
                             int((where / "modpost.status").read_text()), modpost_outputs(where))

    for name in specs:
        build(name)
    return runs, unbuildable


def replay_ours(real: RealRun, dialect: str):
    """Our modpost with the recorded command line, in the recorded directory, after removing
    what the real one wrote (write_if_changed would otherwise keep it).  The real files are put
    back afterwards, so later builds that read this module's Module.symvers see the real one."""
    from pymodpost.modpost import run

    for rel in real.outputs:
        (real.where / rel).unlink()
    try:
        result = run(real.argv, cwd=real.cwd, dialect=dialect)
        produced = modpost_outputs(real.where)
    finally:
        for rel, data in real.outputs.items():
            (real.where / rel).write_bytes(data)
    return result, produced
