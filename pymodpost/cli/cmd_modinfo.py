"""``pymodpost modinfo``: kmod's ``modinfo`` for module files, byte for byte.

Options mirror kmod 30's: ``-F FIELD`` (and its shorthands ``-a -d -l -p -n``; the last one given
wins), ``-0`` for NUL separators.  Messages use kmod's wording and ``modinfo: ERROR:`` prefix and
a failing module makes the exit status 1 after the other arguments were still shown.

Arguments that are not module files (a module name or alias, looked up by kmod in
``/lib/modules/VERSION``) are resolved by :mod:`pymodpost.kmod.modname`; ``-k VERSION`` and
``-b BASEDIR`` choose that directory as kmod's do.

Differences on purpose: a malformed command line (unknown option, ``-F`` without a field) is
reported in pymodpost's usage style rather than getopt's; stderr lines are placed among the
output as kmod shows them on a terminal (into a pipe kmod's buffered stdout comes after them);
where kmod aborts on an internal assertion we report the error (see ``kmod/file.py``).
"""

from __future__ import annotations

import argparse
import sys

ERROR_PREFIX = "modinfo: ERROR: "


def add_arguments(parser: argparse.ArgumentParser) -> None:
    shorthand = (
        ("-a", "--author", "author"),
        ("-d", "--description", "description"),
        ("-l", "--license", "license"),
        ("-p", "--parameters", "parm"),
        ("-n", "--filename", "filename"),
    )
    for short, long, name in shorthand:
        parser.add_argument(short, long, dest="field", action="store_const", const=name,
                            help=f"print only '{name}'")
    parser.add_argument("-F", "--field", dest="field", metavar="FIELD", help="print only FIELD")
    parser.add_argument("-0", "--null", action="store_true", help="use \\0 instead of \\n")
    parser.add_argument("-k", "--set-version", metavar="VERSION",
                        help="look names up in /lib/modules/VERSION instead of `uname -r`")
    parser.add_argument("-b", "--basedir", metavar="DIR",
                        help="use DIR as filesystem root for /lib/modules")
    parser.add_argument("modules", nargs="*", metavar="MODULE", help="module file (or name)")
    # kmod's getopt_long permutes: options may follow module names ("modinfo a.ko -F name b.ko"),
    # and everything after "--" is a module
    def parse_permuted(args=None, namespace=None):
        args = list(args or [])
        tail: list[str] = []
        if "--" in args:
            cut = args.index("--")
            args, tail = args[:cut], args[cut + 1:]
        ns = parser.parse_intermixed_args(args, namespace)
        ns.modules = list(ns.modules) + tail
        return ns

    parser.parse_args = parse_permuted  # type: ignore[method-assign]


def _emit_error(message: str) -> None:
    # messages quote module bytes (surrogate-escaped): give them back as the bytes kmod prints
    sys.stdout.flush()
    sys.stderr.flush()
    sys.stderr.buffer.write((ERROR_PREFIX + message + "\n").encode(errors="surrogateescape"))
    sys.stderr.flush()


def run(args: argparse.Namespace) -> int:
    from pymodpost.kmod.file import is_module_filename
    from pymodpost.kmod.modinfo import modinfo_file
    from pymodpost.kmod.modname import ModuleDirectory

    if not args.modules:
        _emit_error("missing module or filename.")
        return 1
    separator = b"\0" if args.null else b"\n"
    out = sys.stdout.buffer
    failed = False
    directory = ModuleDirectory.for_options(args.set_version, args.basedir)
    for name in args.modules:
        if is_module_filename(name):
            results = [modinfo_file(name, args.field, separator)]
        else:
            results = directory.modinfo_lookup(name, args.field, separator)
        for result in results:
            # warnings go where kmod prints them (as seen on a terminal, stdout line-buffered)
            done = 0
            for at, warning in result.warnings:
                out.write(result.stdout[done:at])
                _emit_error(warning)
                done = at
            out.write(result.stdout[done:])
            out.flush()
            if result.error is not None:
                _emit_error(result.error)
                failed = True
    return 1 if failed else 0
