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
from pymodpost.dialect import Dialect
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
    lds = next((root / n for n in MODULE_LDS_PLACES if (root / n).is_file()), None)
    return KernelFiles(root, symvers, lds)


def write_kernel_symvers(kernel: KernelFiles, dest: Path) -> Path:
    """The kernel's Module.symvers as a plain file modpost can read with ``-i``."""
    data = read_bytes(kernel.symvers)
    if kernel.symvers.suffix == ".xz":
        data = lzma.decompress(data)
    write_atomic(dest, data)
    return dest


def kbuild_modpost_flags(config: dict[str, str]) -> list[str]:
    """The options Linux 6.1's Makefile.modpost derives from the kernel's .config (in its order)."""
    flags = []
    if config.get("MODVERSIONS") == "y":
        flags.append("-m")
    if config.get("MODULE_SRCVERSION_ALL") == "y":
        flags.append("-a")
    if config.get("SECTION_MISMATCH_WARN_ONLY") != "y":
        flags.append("-E")
    if config.get("MODULE_ALLOW_MISSING_NAMESPACE_IMPORTS") == "y":
        flags.append("-N")
    return flags


def modpost_module(work: Path, module: str, kernel_symvers: Path, flags: list[str] | None = None,
                   extra_symvers: tuple[str, ...] = ()):
    """modpost as kbuild's Makefile.modpost runs it for ``make M=work`` with one module:
    ``flags`` from the kernel's .config (default ``-m``), then the kernel's Module.symvers and
    those of ``KBUILD_EXTRA_SYMBOLS`` (``extra_symvers``) as ``-i`` inputs.

    Returns (argv, ModpostResult); ``<module>.mod.c`` and ``Module.symvers`` land in ``work``.
    """
    from pymodpost.modpost import run as modpost

    inputs = [arg for path in (str(kernel_symvers), *extra_symvers) for arg in ("-i", path)]
    argv = [*(["-m"] if flags is None else flags), "-o", str(work / "Module.symvers"), "-e", *inputs,
            str(work / f"{module}.o")]
    return argv, modpost(argv, cwd=str(work))


def shown_argv(argv: list[str], work: Path) -> str:
    return "modpost " + " ".join(os.path.relpath(a, work) if a.startswith("/") else a for a in argv)


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
