"""Record what the real Linux 6.1 modpost does on small hand-written scenarios.

Each scenario is a set of input files (text: Module.symvers dumps, .mod lists, .cmd files; or
objects compiled here by the real gcc from C source) plus a modpost command line.  This script runs
Debian's real ``modpost.real-lsb-64`` on them in a scratch directory and stores, next to the
inputs, the real tool's stderr, exit status and every file it wrote, in ``<group>.json``.  The
plain-tier tests replay the scenarios through pymodpost and compare; the kbuild-tier test re-runs
this recording live and checks the stored answers are still what the real tool says.

Usage: python -m tests.modpost.real_cases.record [GROUP...]
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
HEADERS_GLOB = "/usr/src/linux-headers-6.1.*-amd64"


def real_modpost() -> str | None:
    import glob

    for d in sorted(glob.glob(HEADERS_GLOB)):
        p = Path(d) / "scripts/mod/modpost.real-lsb-64"
        if p.exists():
            return str(p)
    return None


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
            subprocess.run(["gcc", "-c", "-O1", *scenario_cflags, "-o", str(path), str(src)], check=True)
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


def record(group: str, binary: str) -> None:
    spec_path = HERE / f"{group}.scenarios.json"
    scenarios = json.loads(spec_path.read_text())
    results = {}
    for name, scenario in scenarios.items():
        results[name] = run_scenario(binary, scenario)
    (HERE / f"{group}.recorded.json").write_text(json.dumps(results, indent=1, sort_keys=True) + "\n")


def main(argv: list[str]) -> int:
    binary = real_modpost()
    if binary is None:
        print("real modpost not found (install linux-headers-amd64)", file=sys.stderr)
        return 1
    groups = argv or sorted(p.name.split(".")[0] for p in HERE.glob("*.scenarios.json"))
    for g in groups:
        record(g, binary)
        print(f"recorded {g}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
