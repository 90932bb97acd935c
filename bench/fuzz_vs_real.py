"""Damaged inputs through the real tools too: how often is pymodpost's answer the real one?

    nice -n 10 python bench/fuzz_vs_real.py --entry modpost --cases 150 [--seed 9]
    nice -n 10 python bench/fuzz_vs_real.py --entry link --cases 200

The fuzz campaign (bench/fuzz_campaign.py) only checks that every answer is clean.  This runs the
same engine's cases through Debian's real modpost (``modpost.real-lsb-64``; the ``modpost`` next
to it is Debian's dispatching wrapper) or GNU ld (``riscv64-linux-gnu-ld`` for riscv64 cases) and
through pymodpost, and counts the kinds of agreement: modpost -- status, stderr (program name
normalised) and the files written; ld -- the same outcome, the same last error line (program
name normalised; or our line among ld's lines), byte-identical output.  Needs the kbuild tier's tools.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
REAL_MODPOST = "/usr/src/linux-headers-6.1.0-56-amd64/scripts/mod/modpost.real-lsb-64"
PROGRAM = re.compile(rb"^\S*modpost[\w.-]*: ", re.M)
OUTPUTS = ("out.symvers", "m.mod.c")


def _take_outputs(where: Path) -> dict[str, bytes]:
    found = {}
    for name in OUTPUTS:
        if (where / name).is_file():
            found[name] = (where / name).read_bytes()
            (where / name).unlink()
    return found


def modpost_verdict(case) -> tuple[str, object]:
    with tempfile.TemporaryDirectory() as tmp:
        where = Path(tmp)
        for name, data in case.files.items():
            (where / name).write_bytes(data)
        (where / "m.mod").write_text("m.o\n")
        (where / ".m.o.cmd").write_text("\n")
        args = [*case.options, *(["-i", "in.symvers"] if "in.symvers" in case.files else []),
                "-o", "out.symvers", "m.o"]
        real = subprocess.run([REAL_MODPOST, *args], cwd=where, capture_output=True, timeout=60)
        real_out = _take_outputs(where)
        ours = subprocess.run(["pymodpost-modpost", *args], cwd=where, capture_output=True, timeout=60,
                              env={**os.environ, "PYMODPOST_JOBS": "1"})
        ours_out = _take_outputs(where)
    if real.returncode < 0:
        return "real modpost crashed", None
    same = (real.returncode, PROGRAM.sub(b"modpost: ", real.stderr), real_out) == \
           (ours.returncode, PROGRAM.sub(b"modpost: ", ours.stderr), ours_out)
    return ("identical" if same else "different"), (real.stderr[-160:], ours.stderr[-160:])


def link_verdict(case) -> tuple[str, object]:
    from pymodpost.errors import PymodpostError
    from pymodpost.arch.target import by_name
    from tests.fuzz.entries import link_case

    ld = "ld" if case.arch == "x86_64" else "riscv64-linux-gnu-ld"
    lds = ROOT / "testdata" / "kernels" / case.arch / "module.lds"
    with tempfile.TemporaryDirectory() as tmp:
        where = Path(tmp)
        for name, data in case.files.items():
            (where / name).write_bytes(data)
        # bounded like our side: ld writes sparse multi-GiB files for some damaged alignments
        cmd = (f"ulimit -v 3000000; ulimit -f 200000; exec {ld} -r -m {by_name(case.arch).emulation} "
               f"-T {lds} --build-id=sha1 -o out.ko m.o m.mod.o")
        real = subprocess.run(["bash", "-c", cmd], cwd=where, capture_output=True, text=True,
                              errors="replace", timeout=60)
        real_data = (where / "out.ko").read_bytes() if real.returncode == 0 else None
    try:
        ours, error = link_case(case).data, None
    except PymodpostError as e:
        ours, error = None, e.message
    real_lines = [line.replace(f"{ld}:", "ld:").strip() for line in real.stderr.strip().splitlines()]
    real_line = (real_lines or [""])[-1]
    if real.returncode not in (0, 1):
        return "ld crashed", None
    if real_data is not None and ours is not None:
        return ("both link, identical" if real_data == ours else "both link, differ"), None
    if real_data is None and ours is None:
        ours_last = error.splitlines()[-1].strip()
        if ours_last == real_line:
            return "both refuse, same last line", None
        # ld often repeats its complaint and adds a generic last line ("failed to set dynamic
        # section sizes: bad value"); ours may be the specific one
        kind = "both refuse, our line among ld's" if ours_last in real_lines else "both refuse, other line"
        return kind, (real_line, error)
    return ("ld refuses, we link" if real_data is None else "ld links, we refuse"), (real_line, error)


def main(argv: list[str] | None = None) -> int:
    from tests.fuzz import mutators as M
    from tests.fuzz.entries import ENTRIES

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--entry", choices=("modpost", "link"), required=True)
    ap.add_argument("--cases", type=int, default=150)
    ap.add_argument("--seed", type=int, default=9)
    ap.add_argument("--examples", type=int, default=3, help="examples shown per kind of disagreement")
    args = ap.parse_args(argv)
    if args.entry == "modpost" and not Path(REAL_MODPOST).is_file():
        ap.error(f"real modpost missing: {REAL_MODPOST}")
    verdict = modpost_verdict if args.entry == "modpost" else link_verdict
    make = ENTRIES[args.entry][0]
    counts: Counter[str] = Counter()
    examples: dict[str, list] = {}
    for number in range(args.cases):
        case = make(M.case_rng(args.entry, args.seed, number))
        kind, detail = verdict(case)
        counts[kind] += 1
        if detail is not None:
            examples.setdefault(kind, []).append((number, case.origin, detail))
    print(f"{args.entry}: {args.cases} cases (seed {args.seed})")
    for kind, n in counts.most_common():
        print(f"  {n:>5}  {kind}")
    for kind, found in examples.items():
        if kind.startswith(("both link, identical", "identical", "both refuse, same", "both refuse, our")):
            continue
        for number, origin, detail in found[:args.examples]:
            print(f"  [{kind}] case {number} {origin}: {detail}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
