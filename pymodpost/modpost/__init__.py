"""Stage 1: the kernel's ``scripts/mod/modpost`` re-created in Python, per kernel dialect.

Library use::

    from pymodpost.modpost import run
    result = run(["-m", "-e", "-i", "Module.symvers", "-o", "out/Module.symvers", "out/foo.o"])
    run(["-M", "-m", "-T", "modules.order"], dialect="6.12")   # Linux 6.12's modpost
    result.dialect              # the name of the dialect that produced the result
    result.status               # modpost's exit status
    result.diagnostics          # [Diagnostic(level, kind, message)], in stderr order
    result.modules              # [Module]: exported_symbols / unresolved_symbols with CRCs, namespaces
    result.outputs              # files written (or left unchanged): path -> bytes
    result.symvers              # the Module.symvers rows

``run(..., write=False)`` computes everything without touching the disk.  The command-line front
end (``pymodpost-modpost``, :mod:`pymodpost.cli.modpost`) only prints ``result.stderr``.

Names are resolved lazily so that importing a light helper of this package (e.g. ``clib``) does
not pull in numpy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pymodpost.modpost.core import ModpostResult
    from pymodpost.modpost.options import ModpostOptions

__all__ = ["run", "parse_args", "ModpostOptions", "ModpostResult", "Diagnostic", "Module", "Symbol"]


def run(args: "list[str] | ModpostOptions", *, cwd: str | None = None, stdin: str | None = None,
        write: bool = True, prog: str = "modpost", dialect=None) -> "ModpostResult":
    """Run modpost with a command line (list of arguments) or ready :class:`ModpostOptions`.

    ``dialect`` is the kernel whose modpost to be (a :class:`pymodpost.dialect.Dialect` or its
    name; default :data:`pymodpost.dialect.DEFAULT`).  ``stdin`` is the text ``-T -`` reads
    where the dialect has that; ``cwd`` is the directory relative paths are taken from.  A bad
    command line raises :class:`pymodpost.modpost.options.GetoptError`.
    """
    from pymodpost.dialect import DEFAULT, by_name
    from pymodpost.modpost.core import Modpost
    from pymodpost.modpost.options import ModpostOptions, parse_args
    from pymodpost.modpost.parallel import ParallelRead

    chosen = DEFAULT if dialect is None else by_name(dialect)
    opts = args if isinstance(args, ModpostOptions) else parse_args(list(args), prog, chosen.modpost.optstring)
    result = Modpost(opts, rules=chosen.modpost, cwd=cwd, stdin=stdin, write=write,
                     parallel_read=ParallelRead).run()
    result.dialect = chosen.name
    return result


def __getattr__(name: str):
    if name in ("ModpostOptions", "parse_args"):
        from pymodpost.modpost import options

        return getattr(options, name)
    if name == "ModpostResult":
        from pymodpost.modpost.core import ModpostResult

        return ModpostResult
    if name == "Diagnostic":
        from pymodpost.modpost.diagnostics import Diagnostic

        return Diagnostic
    if name in ("Module", "Symbol"):
        from pymodpost.modpost import model

        return getattr(model, name)
    raise AttributeError(name)
