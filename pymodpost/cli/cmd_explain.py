"""``pymodpost explain``: what a modpost or kernel-log message means and how to fix it."""

from __future__ import annotations

import argparse
import json
import sys


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("message", nargs="*",
                        help="the message text (one argument per message; a multi-line argument "
                             "is split into lines)")
    parser.add_argument("--log", metavar="FILE",
                        help="read messages from a build log or dmesg output ('-' for stdin); "
                             "lines that are not diagnostics are skipped")
    parser.add_argument("--module", metavar="FILE",
                        help="the .o/.ko the messages are about: point at the symbol, section or "
                             "relocation involved")
    parser.add_argument("--kernel", metavar="PROFILE",
                        help="kernel profile for CRC/vermagic comparisons (bundled name or kernel "
                             "build directory; default: the module's architecture)")
    parser.add_argument("--json", action="store_true", help="print one JSON document instead")


def run(args: argparse.Namespace) -> int:
    from pymodpost.errors import UsageError
    from pymodpost.fileio import read_bytes
    from pymodpost.explain.explain import explain_lines
    from pymodpost.explain.module_facts import ModuleFacts

    if not args.message and not args.log:
        raise UsageError("give a message or --log FILE")
    module = ModuleFacts(args.module) if args.module else None
    explanations = []
    for text in args.message:
        explanations += explain_lines(text.splitlines(), module, args.kernel)
    if args.log:
        raw = sys.stdin.buffer.read() if args.log == "-" else read_bytes(args.log)
        explanations += explain_lines(raw.decode("utf-8", "surrogateescape").splitlines(), module,
                                      args.kernel, from_log=True)
    if args.json:
        json.dump([e.as_dict() for e in explanations], sys.stdout, indent=1)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(render(explanations))
    return 0 if explanations and all(e.known for e in explanations) else 1


def render(explanations) -> str:
    import textwrap

    if not explanations:
        return "no modpost or kernel messages found\n"
    out = []
    for exp in explanations:
        out.append(exp.message)
        if not exp.known:
            out.append("  not a message pymodpost explain knows (see 'pymodpost explain --help')")
            out.append("")
            continue
        worded_by = f" (as Linux {', '.join(exp.kernel_versions)} print it)" if exp.kernels else ""
        out.append(f"  [{exp.entry.key}] {exp.entry.title}{worded_by}")
        for label, text in (("what it means", exp.meaning), ("how to fix", exp.fix)):
            out.append(f"  {label}:")
            out += textwrap.wrap(text, 96, initial_indent="    ", subsequent_indent="    ")
            if label == "what it means" and exp.here:
                out.append("  in this module:")
                out += [f"    {line}" for line in exp.here]
        out.append("")
    return "\n".join(out) + "\n"
