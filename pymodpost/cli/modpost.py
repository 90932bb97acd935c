"""``pymodpost-modpost``: a drop-in for the kernel's ``scripts/mod/modpost`` (6.1, 6.12, 7.3).

Same command line, same files, same stderr, same exit status -- so kbuild can run it as
``make M=... MODPOST=$(command -v pymodpost-modpost) modules``.  Which kernel's modpost it is
comes from :func:`pymodpost.dialect.from_environment` (``PYMODPOST_DIALECT``, else the
``VERSION``/``PATCHLEVEL`` kbuild exports, else the tree in the current directory).  This front
end only parses the options, feeds ``-T -`` from stdin where the dialect reads it, and prints
the diagnostics the library returns.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    prog = sys.argv[0] if sys.argv and sys.argv[0] else "modpost"
    try:
        return _run(args, prog)
    except KeyboardInterrupt:
        sys.stderr.write("\n")
        return 130
    except BrokenPipeError:
        return 141
    except MemoryError:
        sys.stderr.write("FATAL: modpost: out of memory\n")
        return 1


def _run(args: list[str], prog: str) -> int:
    # numpy's OpenBLAS starts a thread per CPU at import; modpost does no linear algebra, and
    # the idle threads only cost start-up time (~25 ms) and a core's attention
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    from pymodpost.dialect import DialectError, from_environment
    from pymodpost.modpost.options import GetoptError, parse_args

    try:
        dialect = from_environment()
    except DialectError as e:
        _write_stderr(f"{prog}: {e}\n")
        return 1
    try:
        opts = parse_args(args, prog, dialect.modpost.optstring)
    except GetoptError as e:
        _write_stderr(e.message)
        return 1
    from pymodpost.modpost import run

    stdin = None
    if opts.files_source == "-" and dialect.modpost.list_from_stdin:
        stdin = sys.stdin.buffer.read().decode("utf-8", "surrogateescape")
    result = run(opts, stdin=stdin, dialect=dialect)
    _write_stderr(result.stderr)
    return result.status


def _write_stderr(text: str) -> None:
    """Bytes as they came in (names and arguments are decoded with surrogateescape)."""
    err = getattr(sys.stderr, "buffer", None)
    if err is None:  # a replaced text stream: write text
        sys.stderr.write(text)
        return
    sys.stderr.flush()
    err.write(text.encode("utf-8", "surrogateescape"))
    err.flush()


if __name__ == "__main__":
    raise SystemExit(main())
