"""``pymodpost``: one entry point, one sub-command per task.

Sub-commands are looked up in :data:`COMMANDS` and imported only when chosen, so that
``pymodpost --help`` costs no more than starting Python.  Each sub-command module provides
``add_arguments(parser)`` and ``run(args) -> int``; both must keep heavy imports inside ``run``.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from pymodpost import __version__
from pymodpost.cli.common import run_guarded
from pymodpost.errors import UsageError

#: name -> (module implementing it, one-line summary shown by --help)
COMMANDS: dict[str, tuple[str, str]] = {
    "demo": ("pymodpost.cli.cmd_demo", "run the pipeline on a bundled example module"),
    "elf": ("pymodpost.cli.cmd_elf", "show an ELF object's sections, symbols and relocations"),
    "diff": ("pymodpost.cli.cmd_diff", "compare two ELF objects section by section, symbol by symbol"),
    "load": ("pymodpost.cli.cmd_load", "simulate Linux 6.1 loading a module: every check, address and relocation"),
    "harness": ("pymodpost.cli.cmd_harness", "boot a real kernel in qemu, load modules there and report what it did"),
    "walk": ("pymodpost.cli.cmd_walk", "step through modpost, .mod.c, .mod.o, link and load of one module object"),
    "explain": ("pymodpost.cli.cmd_explain", "explain a modpost or kernel-log message: meaning, cause in a module, fix"),
    "modinfo": ("pymodpost.cli.cmd_modinfo", "show a module file's .modinfo and signature like kmod's modinfo"),
}

PROG = "pymodpost"


def _usage() -> str:
    width = max(len(n) for n in COMMANDS)
    lines = [
        f"usage: {PROG} [-h] [--version] COMMAND [ARGS...]",
        "",
        "Linux modpost, module linker and module loader, re-created in Python.",
        "",
        "commands:",
    ]
    lines += [f"  {name:<{width}}  {summary}" for name, (_, summary) in COMMANDS.items()]
    lines += ["", f"Run '{PROG} COMMAND --help' for a command's options."]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] in ("-h", "--help", "help"):
        if len(argv) >= 2 and argv[0] == "help" and argv[1] in COMMANDS:
            argv = [argv[1], "--help"]
        else:
            sys.stdout.write(_usage())
            return 0 if argv else 2
    if argv[0] == "--version":
        print(f"{PROG} {__version__}")
        return 0
    name, rest = argv[0], argv[1:]
    if name not in COMMANDS:
        sys.stderr.write(_usage())
        sys.stderr.write(f"{PROG}: error: unknown command '{name}'\n")
        return 2
    module = importlib.import_module(COMMANDS[name][0])
    parser = ArgumentParser(prog=f"{PROG} {name}", description=COMMANDS[name][1])
    module.add_arguments(parser)

    def body() -> int | None:
        args = parser.parse_args(rest)
        return module.run(args)

    return run_guarded(body, f"{PROG} {name}: error: ")


class ArgumentParser(argparse.ArgumentParser):
    """argparse that raises instead of exiting, so usage errors take the common path."""

    def error(self, message: str):  # type: ignore[override]
        self.print_usage(sys.stderr)
        raise UsageError(message)


if __name__ == "__main__":
    raise SystemExit(main())
