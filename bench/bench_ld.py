"""pymodpost-ld against GNU ld on the fixtures' own kbuild command lines.

Two measurements, each against the real tool in the same run:

1. per invocation: median wall time of ``pymodpost-ld`` (the installed console script of this
   Python), of GNU ld on the same command line, and of a bare ``python3 -c pass``; runs are
   interleaved so machine load hits all three alike.  Ratios are printed (target: pymodpost-ld
   within 1.5x of the bare interpreter start).
2. batch throughput: every fixture link done in-process with :func:`pymodpost.link.link`
   versus GNU ld started once per module (target: at least equal).

    python bench/bench_ld.py [--repeat N]

Byte-code caching matters for start-up: with PYTHONDONTWRITEBYTECODE set every run recompiles
the sources.  The bench therefore runs children with a private PYTHONPYCACHEPREFIX (warmed
first) and says so.  Prints numbers only; asserts nothing about speed.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.link.kbuild_cmds import link_cases  # noqa: E402

GNU_LD = {"x86_64": "ld", "riscv64": "riscv64-linux-gnu-ld"}


def _ours() -> list[str]:
    script = Path(sys.executable).parent / "pymodpost-ld"
    if script.exists():
        return [str(script)]
    return [sys.executable, "-m", "pymodpost.cli.ld"]


def _run(cmd: list[str], cwd: Path, env: dict) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=7)
    args = ap.parse_args()

    cases = [c for c in link_cases() if shutil.which(GNU_LD[c.arch])]
    if not cases:
        print("no fixture with its GNU ld available")
        return 1
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = tempfile.mkdtemp(prefix="pymodpost-pyc-")
    # children run this checkout's code, whatever the installed package points at
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT)] + [
        p for p in env.get("PYTHONPATH", "").split(os.pathsep) if p])
    ours = _ours()

    with tempfile.TemporaryDirectory() as tmp:
        prepared = []
        for i, case in enumerate(cases):
            d = Path(tmp) / str(i)
            d.mkdir()
            prepared.append((case, d, case.materialise(d)))
        # warm the byte-code cache and the page cache
        for case, d, argv in prepared[:2]:
            _run(ours + argv, d, env)

        t_ours, t_ld, t_py = [], [], []
        for _ in range(args.repeat):
            for case, d, argv in prepared:
                t_py.append(_run([sys.executable, "-c", "pass"], d, env))
                t_ours.append(_run(ours + argv, d, env))
                t_ld.append(_run([GNU_LD[case.arch]] + argv, d, env))
        med = statistics.median
        print(f"per invocation over {len(prepared)} fixture links x {args.repeat} "
              f"(median; PYTHONPYCACHEPREFIX={env['PYTHONPYCACHEPREFIX']}):")
        print(f"  python3 -c pass   {med(t_py) * 1000:8.1f} ms")
        print(f"  pymodpost-ld      {med(t_ours) * 1000:8.1f} ms   "
              f"{med(t_ours) / med(t_py):5.2f}x bare python   "
              f"{med(t_ours) / med(t_ld):6.1f}x GNU ld")
        print(f"  GNU ld            {med(t_ld) * 1000:8.1f} ms")

        # in-process batch: every link, inputs already read
        from pymodpost.cli.ld import parse_args
        from pymodpost.link import link, load_script

        jobs = []
        for case, d, argv in prepared:
            a = parse_args(argv)
            script = load_script(a.script) if a.script else None
            inputs = [(p, Path(p).read_bytes()) for p in a.inputs]
            jobs.append((inputs, script, a.emulation, a.build_id))
        start = time.perf_counter()
        for _ in range(args.repeat):
            for inputs, script, emulation, build_id in jobs:
                link(inputs, script, emulation=emulation, build_id=build_id)
        t_batch = (time.perf_counter() - start) / (args.repeat * len(jobs))
        start = time.perf_counter()
        for _ in range(args.repeat):
            for case, d, argv in prepared:
                subprocess.run([GNU_LD[case.arch]] + argv, cwd=d, check=True)
        t_ld_each = (time.perf_counter() - start) / (args.repeat * len(prepared))
        print("batch throughput (per module):")
        print(f"  pymodpost.link.link in-process  {t_batch * 1000:7.2f} ms  "
              f"({1 / t_batch:7.1f} modules/s)")
        print(f"  GNU ld, one process per module  {t_ld_each * 1000:7.2f} ms  "
              f"({1 / t_ld_each:7.1f} modules/s)   ratio {t_ld_each / t_batch:5.2f}x in our favour")
    shutil.rmtree(env["PYTHONPYCACHEPREFIX"], ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
