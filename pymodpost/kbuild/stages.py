"""The pipeline's three stages as kbuild runs them for an external module, shared by ``demo``
and ``walk``: modpost over one module's object, ``ld -r -T module.lds`` of ``.o`` + ``.mod.o``,
and the simulated ``insmod``.
"""

from __future__ import annotations

import lzma
import os
from dataclasses import dataclass
from pathlib import Path

from pymodpost.arch.target import by_name as target_by_name
from pymodpost.bundled import testdata_dir
from pymodpost.dialect import DEFAULT as DEFAULT_DIALECT
from pymodpost.dialect import Dialect, ModpostRules
from pymodpost.errors import InputError
from pymodpost.fileio import read_bytes, write_atomic

#: where kbuild's linker script for modules lives in a kernel tree (Debian: the arch one)
MODULE_LDS_PLACES = ("module.lds", "scripts/module.lds", "arch/x86/module.lds", "arch/riscv/module.lds")


@dataclass(frozen=True, slots=True)
class KernelFiles:
    """What modpost and the link need from a kernel: its export list and module linker script."""

    root: Path
    symvers: Path  #: Module.symvers or Module.symvers.xz
    module_lds: Path | None


def kernel_files(kernel: str) -> KernelFiles:
    """A bundled kernel (``x86_64``, ``riscv64``) or a kernel build/headers directory."""
    from pymodpost.kernel.profile import bundled_profiles

    root = testdata_dir("kernels", kernel) if kernel in bundled_profiles() else Path(kernel)
    if not root.is_dir():
        raise InputError(kernel, "no such kernel profile or kernel directory")
    symvers = next((root / n for n in ("Module.symvers", "Module.symvers.xz") if (root / n).is_file()), None)
    if symvers is None:
        raise InputError(str(root), "no Module.symvers")
    return KernelFiles(root, symvers, module_lds_in(root))


def module_lds_in(root: Path) -> Path | None:
    """The module linker script of a profile or kernel tree: kbuild's Makefile.modfinal takes the
    first of ``scripts/module.lds`` and ``arch/$(SRCARCH)/module.lds`` (Debian's headers keep the
    arch one); a profile directory keeps it at its top."""
    return next((root / n for n in MODULE_LDS_PLACES if (root / n).is_file()), None)


def write_kernel_symvers(kernel: KernelFiles, dest: Path) -> Path:
    """The kernel's Module.symvers as a plain file modpost can read with ``-i``."""
    data = read_bytes(kernel.symvers)
    if kernel.symvers.suffix == ".xz":
        data = lzma.decompress(data)
    write_atomic(dest, data)
    return dest


def kbuild_modpost_flags(config: dict[str, str], rules: ModpostRules = DEFAULT_DIALECT.modpost,
                         warn: bool = False) -> list[str]:
    """The options a kernel's Makefile.modpost derives from its .config, in its order.

    6.1: ``-m -a -E -N`` (``-w`` comes after the inputs there, see :func:`kbuild_modpost_command`);
    6.6+ add ``-M`` (CONFIG_MODULES) first, 6.14+ ``-b``/``-x`` (CONFIG_BASIC/EXTENDED_MODVERSIONS)
    after ``-m``, and ``-w`` (``warn``: KBUILD_MODPOST_WARN) before ``-N``."""
    def on(name: str) -> bool:
        return config.get(name) == "y"

    flags = []
    if "M" in rules.optstring and on("MODULES"):
        flags.append("-M")
    if on("MODVERSIONS"):
        flags.append("-m")
    if rules.versions_need_basic and on("BASIC_MODVERSIONS"):
        flags.append("-b")
    if "x" in rules.optstring and on("EXTENDED_MODVERSIONS"):
        flags.append("-x")
    if on("MODULE_SRCVERSION_ALL"):
        flags.append("-a")
    if not on("SECTION_MISMATCH_WARN_ONLY"):
        flags.append("-E")
    if warn and not rules.list_from_stdin:
        flags.append("-w")
    if on("MODULE_ALLOW_MISSING_NAMESPACE_IMPORTS"):
        flags.append("-N")
    return flags


@dataclass(frozen=True, slots=True)
class ModpostCommand:
    """modpost as a kernel's Makefile.modpost runs it for ``make M=<module_dir> modules``."""

    argv: list[str]
    cwd: str  #: the kernel tree (6.1, 6.12) or the module's directory (7.3)
    stdin: str  #: the object list of ``-T -`` (6.1), else empty
    order: str  #: what kbuild wrote into ``modules.order`` (6.12+), else empty


def kbuild_modpost_command(rules: ModpostRules, config: dict[str, str], module_dir: str, kernel_tree: str,
                           objects: tuple[str, ...], extra_symvers: tuple[str, ...] = (),
                           warn: bool = False) -> ModpostCommand:
    """The exact command line of that kernel's kbuild: flags from the .config, ``-o``, the object
    list (``-T -`` on stdin, or ``-T modules.order``), the kernel's Module.symvers and those of
    KBUILD_EXTRA_SYMBOLS (``extra_symvers``, as given) as ``-i`` inputs, ``-e``.

    ``objects`` are the modules' objects named relative to ``module_dir``."""
    flags = kbuild_modpost_flags(config, rules, warn)
    extra = [arg for path in extra_symvers for arg in ("-i", path)]
    if rules.extmod_runs_in_module_dir:
        cwd, here, kernel_symvers = module_dir, "", f"{kernel_tree}/Module.symvers"
    else:
        cwd, here, kernel_symvers = kernel_tree, f"{module_dir}/", "Module.symvers"
    listed = "".join(f"{here}{obj}\n" for obj in objects)
    if rules.list_from_stdin:
        argv = [*flags, "-o", f"{here}Module.symvers", "-e", "-i", kernel_symvers, *extra,
                *(["-w"] if warn else []), "-T", "-"]
        return ModpostCommand(argv, cwd, listed, "")
    argv = [*flags, "-o", f"{here}Module.symvers", "-T", f"{here}modules.order", "-i", kernel_symvers, "-e", *extra]
    return ModpostCommand(argv, cwd, "", listed)


def modpost_module(work: Path, module: str, kernel_symvers: Path, flags: list[str] | None = None,
                   extra_symvers: tuple[str, ...] = (), dialect: Dialect = DEFAULT_DIALECT,
                   config: dict[str, str] | None = None):
    """modpost as kbuild's Makefile.modpost runs it for ``make M=work`` with one module, against
    the kernel's Module.symvers (``kernel_symvers``) and those of ``KBUILD_EXTRA_SYMBOLS``
    (``extra_symvers``).

    With ``-T -`` (6.1) the object is named on the command line instead of on stdin (modpost
    treats both alike) after ``flags`` from the kernel's .config (default ``-m``).  Later kernels
    run the command :func:`kbuild_modpost_command` derives from ``config``, in a kernel tree of
    their own below ``work`` (``work/kernel``, holding the kernel's Module.symvers) with the
    ``modules.order`` kbuild writes.

    Returns (argv, ModpostResult, cwd); ``<module>.mod.c`` and ``Module.symvers`` land in ``work``.
    """
    from pymodpost.modpost import run as modpost

    if dialect.modpost.list_from_stdin:
        inputs = [arg for path in (str(kernel_symvers), *extra_symvers) for arg in ("-i", path)]
        argv = [*(["-m"] if flags is None else flags), "-o", str(work / "Module.symvers"), "-e", *inputs,
                str(work / f"{module}.o")]
        return argv, modpost(argv, cwd=str(work), dialect=dialect), work
    tree = work / "kernel"
    tree.mkdir(exist_ok=True)
    write_atomic(tree / "Module.symvers", read_bytes(kernel_symvers))
    command = kbuild_modpost_command(dialect.modpost, config or {}, str(work), str(tree), (f"{module}.o",),
                                     extra_symvers)
    write_atomic(work / "modules.order", command.order.encode())
    return command.argv, modpost(command.argv, cwd=command.cwd, stdin=command.stdin, dialect=dialect), \
        Path(command.cwd)


#: modpost options whose value is a file name
PATH_OPTIONS = ("-o", "-T", "-i")


def shown_argv(argv: list[str], work: Path, cwd: Path | None = None) -> str:
    """The command line with every file named relative to ``work`` (those modpost found
    relative to another directory, ``cwd``, resolved there first)."""
    shown = []
    for i, a in enumerate(argv):
        if cwd is not None and i and argv[i - 1] in PATH_OPTIONS and a != "-" and not a.startswith("/"):
            a = str(cwd / a)
        shown.append(os.path.relpath(a, work) if a.startswith("/") else a)
    return "modpost " + " ".join(shown)


def link_module(arch: str, module_lds: Path, objects: list[Path], dialect: Dialect = DEFAULT_DIALECT):
    """The final link of Makefile.modfinal: ``ld -r -m <emulation> --build-id=sha1 -T module.lds
    -o X.ko X.o X.mod.o`` and the dialect's extra objects (6.12+: ``.module-common.o``, taken
    from beside ``X.o`` where kbuild compiles it)."""
    from pymodpost.link.linker import LinkOptions, link
    from pymodpost.link.script import load_script

    script = load_script(str(module_lds))
    paths = [*objects, *(objects[0].parent / name for name in dialect.link.extra_objects)]
    inputs = [(str(p), read_bytes(p)) for p in paths]
    return link(inputs, LinkOptions(emulation=target_by_name(arch).emulation, build_id=True, script=script,
                                    force_group_allocation=dialect.link.force_group_allocation))


def link_command(arch: str, module: str, dialect: Dialect = DEFAULT_DIALECT) -> str:
    flags = " --force-group-allocation" if dialect.link.force_group_allocation else ""
    extra = "".join(f" {name}" for name in dialect.link.extra_objects)
    return (f"ld -r -m {target_by_name(arch).emulation} --build-id=sha1{flags} -T module.lds "
            f"-o {module}.ko {module}.o {module}.mod.o{extra}")


def btf_added_by_kbuild(build_log: Path, output: str) -> bool:
    """kbuild ran pahole on ``output`` after ld (CONFIG_DEBUG_INFO_BTF_MODULES with a vmlinux at
    hand, as Debian's 6.12 headers have), adding a ``.BTF`` section: its build log says
    ``BTF [M] .../<output>``."""
    return build_log.is_file() and any(
        line.split()[:2] == ["BTF", "[M]"] and line.endswith("/" + output)
        for line in build_log.read_text(errors="replace").splitlines())


@dataclass(frozen=True, slots=True)
class KoComparison:
    ok: bool
    line: str  #: one line for people: identical, or how it was compared and what differs
    differences: tuple[str, ...]


def compare_with_gnu_ld(data: bytes, reference: Path, name: str) -> KoComparison:
    """Our ``.ko`` against the one kbuild's GNU ld made (``reference``): byte for byte, else
    semantically (``pymodpost diff``), leaving out the ``.BTF`` section only where kbuild's
    build log says pahole added it after ld."""
    from pymodpost.elf import ElfFile
    from pymodpost.elf.diff import diff_elf

    theirs = read_bytes(reference)
    if data == theirs:
        return KoComparison(True, f"{name}: {len(data)} bytes, byte-identical to GNU ld's", ())
    btf = btf_added_by_kbuild(reference.parent / "build.log", reference.name)
    differences = diff_elf(ElfFile(data, name), ElfFile(theirs, f"GNU ld's {reference.name}"),
                           "pymodpost", "GNU ld", ignored=(".BTF",) if btf else ()).differences
    against = "GNU ld's (kbuild's pahole then added .BTF: compared leaving .BTF out)" if btf else "GNU ld's"
    return KoComparison(not differences, f"{name}: {len(data)} bytes, not byte-identical to {against}; "
                        + ("semantically identical" if not differences else f"{len(differences)} differences"),
                        differences)


def load_module_file(profile, ko: Path, record: bool = True, preload: tuple[str, ...] = ()):
    """Load ``ko`` into a fresh simulated kernel of ``profile``, after the modules of ``preload``
    (each must load; the next module's core goes after the previous one, a guard page between)."""
    from pymodpost.load.pipeline import LoadOptions, load_file
    from pymodpost.load.state import KernelState

    state = KernelState(profile)
    options = LoadOptions(record=record)
    page = profile.arch.page_size
    for dep in preload:
        done = load_file(dep, state, LoadOptions(core_base=options.core_base, record=False))
        if not done.ok:
            raise InputError(dep, f"refused while preloading: {done.error.message} ({done.error.errno})")
        options.core_base = done.core_base + (done.layout.core_size + page - 1) // page * page + page
    return load_file(str(ko), state, options)
