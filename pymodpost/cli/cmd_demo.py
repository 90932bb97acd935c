"""``pymodpost demo``: the pipeline on the bundled example, checked against the real tools' output."""

from __future__ import annotations

import argparse
import sys


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--arch", choices=("x86_64", "riscv64", "all"), default="all",
                        help="which bundled example to run (default: both)")
    from pymodpost.bundled import TOP_LEVEL_KERNEL

    parser.add_argument("--kernel", metavar="VERSION", default=TOP_LEVEL_KERNEL,
                        help="which bundled kernel to build and load for: 6.1 (default), 6.12 or 7.3 "
                             "(its kbuild's modpost command line, module link and loader)")
    parser.add_argument("--out", metavar="DIR",
                        help="keep every output (.mod.c, Module.symvers, .ko) in DIR/<arch>/ "
                             "instead of a temporary directory")
    parser.add_argument("--html", metavar="DIR",
                        help="also write a self-contained HTML report of each example's walk to "
                             "DIR/params-<arch>-<kernel>.html")


def run(args: argparse.Namespace) -> int:
    import tempfile
    from pathlib import Path

    from pymodpost.bundled import TOP_LEVEL_KERNEL, bundled_profile_name
    from pymodpost.walk.demo import ARCHES, run_demo

    from pymodpost.tables import output_width, wrap

    width = output_width(sys.stdout)
    arches = ARCHES if args.arch == "all" else (args.arch,)
    for arch in arches:  # an unknown kernel or missing facts: one error before any output
        bundled_profile_name(args.kernel, arch)
    if args.html:
        from pymodpost.errors import InputError
        from pymodpost.report.page import output_path

        output_path(args.html)  # DIR's parent must exist; DIR is made
        try:
            Path(args.html).mkdir(exist_ok=True)
        except OSError as e:
            raise InputError(args.html, f"cannot make the directory: {e.strerror or e}") from None
    ok = True
    with tempfile.TemporaryDirectory(prefix="pymodpost-demo-") as tmp:
        base = Path(args.out) if args.out else Path(tmp)
        for arch in arches:
            # a stage's lines are indented by four: its tables fit what is left
            result = run_demo(arch, base / arch, kernel=args.kernel, width=None if width is None else width - 4)
            on = "" if args.kernel == TOP_LEVEL_KERNEL else f" (Linux {args.kernel})"
            print(f"=== {arch}{on}: {result.module}.o -> {result.module}.ko -> loaded ===")
            for stage in result.stages:
                print(f"--- {stage.name}: {'ok' if stage.ok else 'FAILED'}")
                for line in stage.lines:  # tables come fitted; prose wraps between words
                    for part in wrap(line, None if width is None else width - 4, "  "):
                        print(f"    {part}")
            ok = ok and result.ok
            if args.html:
                print(f"    report: {write_demo_report(arch, args.kernel, Path(args.html), base / arch / 'walk')}")
            print()
        if args.out:
            print(f"outputs kept in {base}")
    sys.stdout.flush()
    return 0 if ok else 1


def write_demo_report(arch: str, kernel: str, directory, work) -> str:
    """The walk report of the bundled example for ``arch`` and ``kernel``, written in ``directory``."""
    from pymodpost.bundled import bundled_fixture
    from pymodpost.report.page import report_walk, write_page
    from pymodpost.walk.demo import EXAMPLE_MODULE

    obj = bundled_fixture(kernel, arch, EXAMPLE_MODULE) / f"{EXAMPLE_MODULE}.o"
    _, page = report_walk(obj, work, kernel)
    path = directory / f"{EXAMPLE_MODULE}-{arch}-{kernel}.html"
    write_page(path, page)
    return str(path)
