"""``pymodpost demo``: the pipeline on the bundled example, checked against the real tools' output."""

from __future__ import annotations

import argparse
import sys


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--arch", choices=("x86_64", "riscv64", "all"), default="all",
                        help="which bundled example to run (default: both)")
    parser.add_argument("--out", metavar="DIR",
                        help="keep every output (.mod.c, Module.symvers, .ko) in DIR/<arch>/ "
                             "instead of a temporary directory")


def run(args: argparse.Namespace) -> int:
    import tempfile
    from pathlib import Path

    from pymodpost.walk.demo import ARCHES, run_demo

    arches = ARCHES if args.arch == "all" else (args.arch,)
    ok = True
    with tempfile.TemporaryDirectory(prefix="pymodpost-demo-") as tmp:
        base = Path(args.out) if args.out else Path(tmp)
        for arch in arches:
            result = run_demo(arch, base / arch)
            print(f"=== {arch}: {result.module}.o -> {result.module}.ko -> loaded ===")
            for stage in result.stages:
                print(f"--- {stage.name}: {'ok' if stage.ok else 'FAILED'}")
                for line in stage.lines:
                    print(f"    {line}")
            ok = ok and result.ok
            print()
        if args.out:
            print(f"outputs kept in {base}")
    sys.stdout.flush()
    return 0 if ok else 1
