"""modpost's command line as a dataclass, and its parser.

Which options exist is the dialect's getopt string (:attr:`ModpostRules.optstring`): 6.1 has
``"ei:mnT:o:aWwENd:"``, 6.12 adds ``-M``, ``-t``, ``-u``, 7.3 ``-x`` and ``-b``.

The parser reproduces glibc getopt's behaviour and messages (option clusters like ``-me``,
attached arguments like ``-iFILE``, ``--`` ending options, permutation of non-options) because
kbuild and people call modpost with all of those, and an unknown option must fail the way
modpost fails: getopt's message on stderr, exit status 1.
"""

from __future__ import annotations

from dataclasses import dataclass, field

#: the 6.1 option string (the default dialect's)
OPTSTRING = "ei:mnT:o:aWwENd:"


@dataclass(slots=True)
class ModpostOptions:
    external_module: bool = False            # -e
    dump_files: list[str] = field(default_factory=list)  # -i (repeatable, in order)
    modversions: bool = False                # -m
    ignore_missing_files: bool = False       # -n
    dump_write: str | None = None            # -o
    all_versions: bool = False               # -a
    files_source: str | None = None          # -T ('-' = stdin)
    extra_warn: bool = False                 # -W
    warn_unresolved: bool = False            # -w
    sec_mismatch_warn_only: bool = True      # -E clears it
    allow_missing_ns_imports: bool = False   # -N
    missing_namespace_deps: str | None = None  # -d
    module_enabled: bool = False             # -M (CONFIG_MODULES: read .export_symbol)
    trim_unused_exports: bool = False        # -t (CONFIG_TRIM_UNUSED_KSYMS)
    unused_exports_white_list: str | None = None  # -u
    basic_modversions: bool = False          # -b (CONFIG_BASIC_MODVERSIONS: __versions)
    extended_modversions: bool = False       # -x (CONFIG_EXTENDED_MODVERSIONS)
    objects: list[str] = field(default_factory=list)  # positional arguments


class GetoptError(Exception):
    """getopt printed ``message`` (already formatted with the program name); modpost exits 1."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def parse_args(argv: list[str], prog: str, optstring: str = OPTSTRING) -> ModpostOptions:
    """Parse like glibc getopt(argc, argv, optstring) followed by modpost's switch."""
    opts = ModpostOptions()
    takes_arg = {c: optstring[i + 1:i + 2] == ":" for i, c in enumerate(optstring) if c != ":"}
    positional: list[str] = []
    i = 0
    n = len(argv)
    while i < n:
        arg = argv[i]
        if arg == "--":
            positional.extend(argv[i + 1:])
            break
        if not arg.startswith("-") or arg == "-":
            positional.append(arg)  # glibc permutes non-options to the end
            i += 1
            continue
        j = 1
        while j < len(arg):
            c = arg[j]
            if c not in takes_arg:
                raise GetoptError(f"{prog}: invalid option -- '{c}'\n")
            if takes_arg[c]:
                if j + 1 < len(arg):
                    value = arg[j + 1:]
                else:
                    i += 1
                    if i >= n:
                        raise GetoptError(f"{prog}: option requires an argument -- '{c}'\n")
                    value = argv[i]
                _apply(opts, c, value)
                break
            _apply(opts, c, None)
            j += 1
        i += 1
    opts.objects = positional
    return opts


#: options without an argument: the field they set and the value
_FLAGS = {"e": ("external_module", True), "m": ("modversions", True), "n": ("ignore_missing_files", True),
          "a": ("all_versions", True), "W": ("extra_warn", True), "w": ("warn_unresolved", True),
          "E": ("sec_mismatch_warn_only", False), "N": ("allow_missing_ns_imports", True),
          "M": ("module_enabled", True), "t": ("trim_unused_exports", True),
          "b": ("basic_modversions", True), "x": ("extended_modversions", True)}
#: options with an argument: the field that takes it (-i collects every occurrence)
_VALUES = {"o": "dump_write", "T": "files_source", "d": "missing_namespace_deps", "u": "unused_exports_white_list"}


def _apply(opts: ModpostOptions, c: str, value: str | None) -> None:
    if c == "i":
        opts.dump_files.append(value or "")
    elif c in _VALUES:
        setattr(opts, _VALUES[c], value)
    else:
        field, flag = _FLAGS[c]
        setattr(opts, field, flag)
