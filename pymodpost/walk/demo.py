"""The demo: the whole pipeline on a bundled example module, with nothing but Python.

For each architecture it takes the example's object file as kbuild compiled it for a bundled
kernel (6.1: ``testdata/<arch>/<module>/``; later ones: ``testdata/<kernel>/<arch>/<module>/``)
and that kernel's bundled facts (``testdata/kernels/[<kernel>/]<arch>/``), then

1. runs modpost on it, as that kernel's ``Makefile.modpost`` does for an external module, and
   compares the ``.mod.c`` it writes with the one the real modpost wrote;
2. links ``<module>.o`` with the ``.mod.o`` kbuild compiled from that ``.mod.c`` (no compiler is
   needed here; from 6.12 also the ``.module-common.o`` kbuild compiled beside it) using the
   kernel's ``module.lds``, and compares the ``.ko`` with GNU ld's;
3. loads the ``.ko`` into the simulated kernel and reports where each section landed (from 6.4
   on, the ``mem[]`` region of each).

Every stage's verdict comes from comparing against the real tool's committed output.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from pymodpost.bundled import TOP_LEVEL_KERNEL, bundled_fixture, bundled_profile_name
from pymodpost.dialect import Dialect
from pymodpost.errors import InputError
from pymodpost.fileio import read_bytes, write_atomic
from pymodpost.kbuild.staging import stage_object
from pymodpost.tables import Column, plain_table
from pymodpost.kbuild.stages import (
    compare_with_gnu_ld, kernel_files, link_command, link_module, load_module_file, modpost_module,
    shown_argv, write_kernel_symvers,
)

EXAMPLE_MODULE = "params"
ARCHES = ("x86_64", "riscv64")


@dataclass
class Stage:
    name: str
    ok: bool
    lines: list[str] = field(default_factory=list)


@dataclass
class DemoRun:
    arch: str
    module: str
    workdir: str
    kernel: str = TOP_LEVEL_KERNEL
    stages: list[Stage] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(s.ok for s in self.stages)


def run_demo(arch: str, workdir: str | os.PathLike, module: str = EXAMPLE_MODULE,
             kernel: str = TOP_LEVEL_KERNEL, width: int | None = None) -> DemoRun:
    """Run the three stages for one architecture and bundled kernel (``6.1``, ``6.12``, ``7.3``),
    writing every output into ``workdir``; the stages' tables fit ``width`` characters (None:
    whole rows)."""
    from pymodpost.kernel.profile import load_profile

    name = bundled_profile_name(kernel, arch)
    src = bundled_fixture(kernel, arch, module)
    facts = kernel_files(name)
    profile = load_profile(name)
    work = Path(workdir)
    work.mkdir(parents=True, exist_ok=True)
    run = DemoRun(arch, module, str(work), kernel)

    # the object, and the <module>.mod and .cmd files modpost reads beside it
    stage_object(src / f"{module}.o", work)
    kernel_symvers = write_kernel_symvers(facts, work / "vmlinux.symvers")

    tables = _Tables(width)
    run.stages.append(_modpost_stage(src, work, module, kernel_symvers, profile, tables))
    if not run.stages[-1].ok:
        return run
    if facts.module_lds is None:
        raise InputError(str(facts.root), "no module.lds (scripts/module.lds or arch/*/module.lds)")
    ko = work / f"{module}.ko"
    run.stages.append(_link_stage(arch, src, facts.module_lds, work, module, ko, profile.dialect, tables))
    run.stages.append(_load_stage(profile, ko, tables))
    return run


@dataclass(frozen=True, slots=True)
class _Tables:
    """A stage's tables as its lines: indented by two, fitted to what is left of ``width``."""

    width: int | None

    def lines(self, columns: tuple[Column, ...], rows: list[tuple]) -> list[str]:
        room = None if self.width is None else self.width - 2
        return [f"  {line}" for line in plain_table(columns, rows, room)] if rows else []


def _modpost_stage(src: Path, work: Path, module: str, kernel_symvers: Path, profile, tables: _Tables) -> Stage:
    # 6.1's demo runs modpost -m as it always did; later kernels the command line of their kbuild
    argv, result, cwd = modpost_module(work, module, kernel_symvers, dialect=profile.dialect,
                                       config=profile.config.values)
    ours = read_bytes(work / f"{module}.mod.c")
    theirs = read_bytes(src / f"{module}.mod.c")
    stage = Stage("modpost", result.status == 0 and ours == theirs)
    stage.lines.append(shown_argv(argv, work, cwd))
    stage.lines += [d.text.rstrip("\n") for d in result.diagnostics]
    from pymodpost.kernel.symvers import SymversEntry, read_symvers

    kernel_exports = {e.symbol: e for e in read_symvers(kernel_symvers) if isinstance(e, SymversEntry)}
    for mod in (m for m in result.modules if not m.from_dump and not m.is_vmlinux):
        imports = mod.unresolved_symbols
        stage.lines.append(f"{mod.basename}: {len(imports)} imported symbols, "
                           f"{len(mod.exported_symbols)} exported")
        rows = []
        for sym in imports[:8]:
            exp = kernel_exports.get(sym.name)
            rows.append((sym.name, f"0x{exp.crc:08x}", exp.module) if exp else
                        (sym.name, "", "not exported by the kernel"))
        stage.lines += tables.lines((Column("imports"), Column("CRC"), Column("from", prose=True)), rows)
        if len(imports) > 8:
            stage.lines.append(f"  ... and {len(imports) - 8} more")
    stage.lines.append(f"{module}.mod.c: {len(ours)} bytes, "
                       + ("identical to the real modpost's" if ours == theirs
                          else "DIFFERS from the real modpost's"))
    return stage


def _link_stage(arch: str, src: Path, module_lds: Path, work: Path, module: str, ko: Path,
                dialect: Dialect, tables: _Tables) -> Stage:
    mod_o = work / f"{module}.mod.o"
    shutil.copyfile(src / f"{module}.mod.o", mod_o)  # kbuild's gcc output for the .mod.c above
    for extra in dialect.link.extra_objects:  # 6.12+: .module-common.o, compiled by kbuild beside it
        shutil.copyfile(src / extra, work / extra)
    result = link_module(arch, module_lds, [work / f"{module}.o", mod_o], dialect=dialect)
    write_atomic(ko, result.data)
    stage = Stage("link", True)
    stage.lines.append(link_command(arch, module, dialect))
    merged = [out for out in result.output_sections if out.members]
    stage.lines += tables.lines((Column("output section"), Column("input sections", right=True)),
                                [(out.name, len(out.members)) for out in merged if not out.name.startswith(".debug_")])
    debug = sum(out.name.startswith(".debug_") for out in merged)
    if debug:
        stage.lines.append(f"  (and {debug} .debug_* sections)")
    compared = compare_with_gnu_ld(result.data, src / f"{module}.ko", f"{module}.ko")
    stage.ok = compared.ok
    stage.lines.append(compared.line)
    stage.lines += [f"  {d}" for d in compared.differences[:10]]
    return stage


def _load_stage(profile, ko: Path, tables: _Tables) -> Stage:
    result = load_module_file(profile, ko)
    stage = Stage("load", result.ok)
    stage.lines.append(f"insmod {ko.name} into {profile.name} ({profile.vermagic})")
    if not result.ok:
        stage.lines.append(f"refused: {result.error.message} ({result.error.errno})")
        return stage
    # 6.1: the core and init allocations; 6.4+: one allocation per mem[] type
    stage.lines += tables.lines(
        (Column("region"), Column("address"), Column("bytes", right=True), Column("freed after init", drop=1)),
        [(f"mem[{r.name}]", f"0x{r.base:016x}", len(r.data), "yes" if r.init else "") for r in result.regions])
    stage.lines += tables.lines(
        (Column("section"), Column("address"), Column("bytes", right=True), Column("region")),
        [(sec.name, f"0x{sec.addr:016x}", sec.size, f"mem[{sec.region}]" if result.regions else sec.region)
         for sec in result.sections])
    applied = sum(len(r.records) for r in result.relocations)
    stage.lines.append(f"{applied} relocations applied; module is live")
    return stage
