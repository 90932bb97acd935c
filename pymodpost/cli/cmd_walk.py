"""``pymodpost walk X.o``: a module object through modpost, .mod.c, .mod.o, link and load."""

from __future__ import annotations

import argparse
import json
import sys

STAGE_NAMES = ("object", "modpost", "mod.c", "mod.o", "link", "load")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("object", metavar="X.o", help="the module's object file as kbuild compiled it")
    parser.add_argument("--arch", choices=("x86_64", "riscv64"),
                        help="target architecture (default: from the object's ELF header)")
    parser.add_argument("--kernel", metavar="PROFILE",
                        help="kernel: a bundled kernel (6.1, 6.12, 7.3: the one of the object's "
                             "architecture), a bundled profile (x86_64, 6.12/riscv64, ...) or a kernel "
                             "build directory (default: the bundled 6.1 one of the architecture); its "
                             "release decides the dialect of every stage")
    from pymodpost.dialect import DIALECTS

    parser.add_argument("--dialect", choices=list(DIALECTS), default=None,
                        help="speak this kernel dialect instead of the one "
                             "the kernel's release implies")
    parser.add_argument("--kdir", metavar="KDIR",
                        help="compile the .mod.o with real kbuild in this kernel build/headers "
                             "directory (default: the X.mod.o kbuild left next to X.o)")
    parser.add_argument("--symvers", action="append", default=[], metavar="FILE",
                        help="another module's Module.symvers for modpost (KBUILD_EXTRA_SYMBOLS; "
                             "repeatable)")
    parser.add_argument("--with", dest="preload", action="append", default=[], metavar="DEP.ko",
                        help="load this module before it (repeatable), e.g. the one exporting "
                             "symbols it uses")
    parser.add_argument("--stage", choices=STAGE_NAMES,
                        help="show only this stage (the ones before it still run, silently)")
    output = parser.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="print one JSON document instead")
    output.add_argument("--html", metavar="FILE",
                        help="write a self-contained HTML report of every stage to FILE (memory map, "
                             "relocation and link pictures) instead")
    parser.add_argument("--out", metavar="DIR", help="keep every output (.mod.c, .mod.o, .ko) in DIR")
    parser.add_argument("--plain", action="store_true",
                        help="plain text and no pauses even on a terminal")


def run(args: argparse.Namespace) -> int:
    import tempfile
    from pathlib import Path

    from pymodpost.walk.walk import BUILDERS, STAGES, prepare, walk_document

    interactive = sys.stdin.isatty() and sys.stdout.isatty() and not (args.json or args.html or args.plain)
    with tempfile.TemporaryDirectory(prefix="pymodpost-walk-") as tmp:
        work = Path(args.out) if args.out else Path(tmp)
        if args.html:
            from pymodpost.report.page import output_path

            output_path(args.html)
        ctx = prepare(args.object, work, args.arch, args.kernel, args.kdir, tuple(args.symvers),
                      tuple(args.preload), args.dialect)
        done: dict = {}

        def stage(name: str):
            for earlier in STAGES[:STAGES.index(name) + 1]:
                if earlier not in done:
                    done[earlier] = BUILDERS[earlier](ctx)
            return done[name]

        if args.json or args.html:
            names = [args.stage] if args.stage else list(STAGES)
            doc = walk_document(ctx, [stage(n) for n in names])
            if args.html:
                from pymodpost.report.page import walk_report, write_page

                write_page(args.html, walk_report(doc))
                print(f"report written to {args.html}")
            else:
                json.dump(doc, sys.stdout, indent=1)
                sys.stdout.write("\n")
            return 0 if all(s["ok"] for s in doc["stages"]) else 1

        from pymodpost.tables import output_width
        from pymodpost.walk.walk_render import PlainRenderer, RichRenderer

        renderer = RichRenderer(sys.stdout) if interactive else PlainRenderer(sys.stdout, output_width(sys.stdout))
        if args.stage and not interactive:
            renderer.stage(stage(args.stage))
            return 0 if stage(args.stage).ok else 1
        shown = []
        position = STAGES.index(args.stage) if args.stage else 0
        while position < len(STAGES):
            current = stage(STAGES[position])
            renderer.stage(current)
            shown.append(current)
            position += 1
            if not interactive:
                continue
            answer = renderer.prompt(STAGES[position] if position < len(STAGES) else None)
            if answer.lower() in ("q", "quit"):
                break
            if answer in STAGES:
                position = STAGES.index(answer)
        if args.out:
            print(f"outputs kept in {work}")
        return 0 if all(s.ok for s in shown) else 1

