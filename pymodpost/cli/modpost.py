"""``pymodpost-modpost``: a drop-in for Linux 6.1 ``scripts/mod/modpost``.

Same command line, same files, same stderr, same exit status -- so kbuild can run it as
``make M=... MODPOST=$(command -v pymodpost-modpost) modules``.  This front end only parses
the options, feeds ``-T -`` from stdin and prints the diagnostics the library returns.
"""

from __future__ import annotations

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
    from pymodpost.modpost.options import GetoptError, parse_args

    try:
        opts = parse_args(args, prog)
    except GetoptError as e:
        _write_stderr(e.message)
        return 1
    from pymodpost.modpost import run

    stdin = None
    if opts.files_source == "-":
        stdin = sys.stdin.buffer.read().decode("utf-8", "surrogateescape")
    result = run(opts, stdin=stdin)
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
