"""Record what the real modposts (Linux 6.1, 6.12) do on small hand-written scenarios.

Each scenario is a set of input files (text: Module.symvers dumps, .mod lists, .cmd files; or
objects compiled here by the real gcc from C source) plus a modpost command line.  This script runs
Debian's real ``modpost.real-lsb-64`` of each kernel on them in a scratch directory and stores,
next to the inputs, the real tool's stderr, exit status and every file it wrote, in
``<group>.recorded.json`` (6.1) or ``<group>.<dialect>.recorded.json``.  A scenario with a
``"dialects"`` list is recorded only for those kernels.  The
plain-tier tests replay the scenarios through pymodpost and compare; the kbuild-tier test re-runs
this recording live and checks the stored answers are still what the real tool says.

Usage: python -m tests.modpost.real_cases.record [--dialect 6.12] [GROUP...]
"""

from __future__ import annotations

import base64
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
#: each dialect's real x86_64 modpost (Debian's kbuild packages); 6.1's is the pinned headers'
#: (testdata/manifest.json), the one the recordings are bound to
BINARY_GLOBS = {"6.1": None,
                "6.12": "/usr/lib/linux-kbuild-6.12.*/scripts/mod/modpost.real-lsb-64",
                # no Debian kbuild package installs on bookworm: the modpost of the x86_64 kernel
                # built from linux-source-7.3 (testdata/regen/build-kernel.sh 7.3 x86_64, which CI runs)
                "7.3": os.path.join(os.environ.get("PYMODPOST_CACHE") or os.path.expanduser("~/.cache/pymodpost"),
                                    "x86_64-7.3/build/scripts/mod/modpost")}
DIALECTS = tuple(BINARY_GLOBS)


def real_modpost(dialect: str = "6.1") -> str | None:
    import glob

    if BINARY_GLOBS[dialect] is None:
        from tests.x86_kernels import pins

        pin = pins.pin_for(dialect)
        p = pin.tree / "scripts/mod/modpost.real-lsb-64"
        return str(p) if pins.missing(pin) is None and p.exists() else None
    found = sorted(glob.glob(BINARY_GLOBS[dialect]))
    return found[0] if found else None


def recorded_path(group: str, dialect: str) -> Path:
    return HERE / (f"{group}.recorded.json" if dialect == "6.1" else f"{group}.{dialect}.recorded.json")


def scenarios_for(group: str, dialect: str) -> dict[str, dict]:
    scenarios = json.loads((HERE / f"{group}.scenarios.json").read_text())
    return {k: v for k, v in scenarios.items() if dialect in v.get("dialects", DIALECTS)}


def _materialise(files: dict[str, dict], where: Path, scenario_cflags: tuple[str, ...] = ()) -> None:
    for name, spec in files.items():
        path = where / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if "text" in spec:
            path.write_bytes(spec["text"].encode("utf-8", "surrogateescape"))
        elif "base64" in spec:
            path.write_bytes(base64.b64decode(spec["base64"]))
        elif "c" in spec:
            src = path.with_suffix(".c")
            src.write_text(spec["c"])
            # "~" in a flag: the project's cache (the 7.3 scenarios include that kernel's headers)
            flags = [os.path.expanduser(f) for f in scenario_cflags]
            subprocess.run(["gcc", "-c", "-O1", *flags, "-o", str(path), str(src)], check=True)
            src.unlink()
        if spec.get("mode"):
            os.chmod(path, spec["mode"])


def snapshot(where: Path) -> dict[str, str]:
    out = {}
    for p in sorted(where.rglob("*")):
        if p.is_file():
            out[str(p.relative_to(where))] = base64.b64encode(p.read_bytes()).decode()
    return out


def run_scenario(binary: str, scenario: dict, stdin: str | None = None) -> dict:
    with tempfile.TemporaryDirectory(prefix="pymodpost-real-") as tmp:
        where = Path(tmp)
        _materialise(scenario["files"], where, tuple(scenario.get("cflags", ())))
        before = snapshot(where)
        proc = subprocess.run([binary, *scenario["argv"]], cwd=where, capture_output=True,
                              input=(scenario.get("stdin") or "").encode())
        after = snapshot(where)
        written = {k: v for k, v in after.items() if before.get(k) != v}
        return {"stderr": proc.stderr.decode("utf-8", "surrogateescape"), "status": proc.returncode,
                "written": written, "inputs": before}


def record(group: str, binary: str, dialect: str = "6.1") -> None:
    results = {}
    for name, scenario in scenarios_for(group, dialect).items():
        results[name] = run_scenario(binary, scenario)
    if results:
        recorded_path(group, dialect).write_text(json.dumps(results, indent=1, sort_keys=True) + "\n")


def main(argv: list[str]) -> int:
    dialect = "6.1"
    if argv[:1] == ["--dialect"]:
        dialect, argv = argv[1], argv[2:]
    binary = real_modpost(dialect)
    if binary is None:
        hint = ("the pinned linux-headers-6.1.0-*-amd64 of testdata/manifest.json: .ci/install-packages.sh"
                if dialect == "6.1" else f"Debian's linux-headers-{dialect}.*-amd64")
        print(f"real {dialect} modpost not found (install {hint})", file=sys.stderr)
        return 1
    groups = argv or sorted(p.name.split(".")[0] for p in HERE.glob("*.scenarios.json"))
    for g in groups:
        record(g, binary, dialect)
        print(f"recorded {g} ({dialect})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
