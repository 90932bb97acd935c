"""``pymodpost-ld``: a drop-in for the ``ld`` command lines kbuild 6.1 runs for modules.

Accepted (any order, as GNU ld parses them):

* final link: ``-r -m EMU -z noexecstack --no-warn-rwx-segments --build-id=sha1 -T LDS -o X.ko
  X.o X.mod.o``;
* composite objects: ``-m EMU -z noexecstack --no-warn-rwx-segments -r -o foo.o @foo.mod`` and
  ``-r -o foo.o a.o b.o``;
* ``--version`` / ``-v`` (kbuild's scripts/ld-version.sh reads the first line).

Anything else gets an ld-style one-line error and exit status 1; the output file is written
atomically, so a failed link never leaves a partial object behind.
"""

from __future__ import annotations

import shlex
import sys

from pymodpost.arch.target import by_emulation
from pymodpost.cli.common import run_guarded
from pymodpost.errors import PymodpostError

VERSION_LINE = "GNU ld (pymodpost-ld 0.1.0) 2.40"
Z_KEYWORDS = ("noexecstack", "execstack")


class LdUsageError(PymodpostError):
    pass


class _Args:
    def __init__(self) -> None:
        self.relocatable = False
        self.emulation: str | None = None
        self.build_id = False
        self.stack_note: str | None = None
        self.force_group_allocation = False
        self.script: str | None = None
        self.output = "a.out"
        self.inputs: list[str] = []
        self.version = False


def _response_file(path: str) -> list[str] | None:
    """The arguments an ``@file`` stands for, or None when it cannot be read."""
    from pymodpost.fileio import read_bytes
    try:
        text = read_bytes(path).decode("utf-8", "surrogateescape")
    except PymodpostError:
        return None
    return shlex.split(text)


def parse_args(argv: list[str]) -> _Args:
    args = _Args()
    queue = list(argv)
    i = 0

    def value(opt: str) -> str:
        nonlocal i
        if i + 1 >= len(queue):
            raise LdUsageError(f"ld: option requires an argument -- '{opt.lstrip('-')}'")
        i += 1
        return queue[i]

    while i < len(queue):
        a = queue[i]
        if a.startswith("@") and len(a) > 1:
            expanded = _response_file(a[1:])
            if expanded is not None:
                queue[i:i + 1] = expanded
                continue
            # ld keeps an unreadable @file as a literal input name, which then is not found
            args.inputs.append(a)
            i += 1
            continue
        if a in ("-r", "-i", "--relocatable", "-Ur"):
            if a == "-Ur":
                raise LdUsageError("ld: option '-Ur' is not supported by pymodpost-ld")
            args.relocatable = True
        elif a == "-m" or (a.startswith("-m") and not a.startswith("--")):
            emu = value(a) if a == "-m" else a[2:]
            if by_emulation(emu) is None:
                raise LdUsageError(f"ld: unrecognised emulation mode: {emu}")
            args.emulation = emu
        elif a == "-z" or (a.startswith("-z") and len(a) > 2):
            kw = value(a) if a == "-z" else a[2:]
            if kw not in Z_KEYWORDS:
                raise LdUsageError(f"ld: -z {kw} is not supported by pymodpost-ld")
            args.stack_note = kw
        elif a == "--no-warn-rwx-segments":
            pass
        elif a == "--force-group-allocation":
            args.force_group_allocation = True
        elif a in ("--build-id", "--build-id=sha1"):
            args.build_id = True
        elif a.startswith("--build-id="):
            style = a.split("=", 1)[1]
            if style != "none":
                raise LdUsageError(f"ld: --build-id={style} is not supported by pymodpost-ld")
            args.build_id = False
        elif a in ("-T", "--script"):
            args.script = value(a)
        elif a.startswith("--script="):
            args.script = a.split("=", 1)[1]
        elif a.startswith("-T") and len(a) > 2:
            args.script = a[2:]
        elif a in ("-o", "--output"):
            args.output = value(a)
        elif a.startswith("--output="):
            args.output = a.split("=", 1)[1]
        elif a.startswith("-o") and len(a) > 2:
            args.output = a[2:]
        elif a in ("-v", "--version", "-V"):
            args.version = True
        elif a.startswith("-") and a != "-":
            raise LdUsageError(f"ld: unrecognized option '{a}'")
        else:
            args.inputs.append(a)
        i += 1
    return args


def run(argv: list[str]) -> int:
    args = parse_args(argv)
    if args.version:
        print(VERSION_LINE)
        return 0
    if not args.inputs:
        raise LdUsageError("ld: no input files")
    if not args.relocatable:
        raise LdUsageError("ld: pymodpost-ld only performs relocatable links (-r)")

    from pymodpost.fileio import read_bytes, write_atomic
    from pymodpost.link.linker import LinkOptions, link
    from pymodpost.link.script import load_script

    script = None
    if args.script is not None:
        try:
            script = load_script(args.script)
        except PymodpostError as e:
            if e.message.startswith("ld:"):
                raise
            raise LdUsageError(f"ld: cannot open linker script file {args.script}: "
                               f"No such file or directory") from None
    inputs = []
    for path in args.inputs:
        try:
            inputs.append((path, read_bytes(path)))
        except PymodpostError:
            raise LdUsageError(f"ld: cannot find {path}: No such file or directory") from None
    result = link(inputs, LinkOptions(emulation=args.emulation, build_id=args.build_id,
                                      stack_note=args.stack_note,
                                      force_group_allocation=args.force_group_allocation,
                                      script=script))
    for line in result.warnings:
        sys.stderr.write(line + "\n")
    write_atomic(args.output, result.data)  # like ld -r: 0666 less the umask
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)

    def body() -> int:
        try:
            return run(argv)
        except PymodpostError:
            raise
        except MemoryError:
            raise PymodpostError("ld: memory exhausted") from None
        except RecursionError:
            raise PymodpostError("ld: input too deeply nested") from None
        except Exception as e:  # a bug must still end as one line, never a traceback
            raise PymodpostError(f"ld: internal error: {type(e).__name__}: {e}") from None

    return run_guarded(body, "")


if __name__ == "__main__":
    raise SystemExit(main())
