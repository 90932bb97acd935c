"""The demo: the whole pipeline on a bundled example module, with nothing but Python.

For each architecture it takes the example's object file as kbuild compiled it
(``testdata/<arch>/<module>/``) and the bundled kernel facts (``testdata/kernels/<arch>/``), then

1. runs modpost on it, as kbuild's ``Makefile.modpost`` does for an external module, and compares
   the ``.mod.c`` it writes with the one the real modpost wrote;
2. links ``<module>.o`` with the ``.mod.o`` kbuild compiled from that ``.mod.c`` (no compiler is
   needed here) using the kernel's ``module.lds``, and compares the ``.ko`` with GNU ld's;
3. loads the ``.ko`` into the simulated kernel and reports where each section landed.

Every stage's verdict comes from comparing against the real tool's committed output.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from pymodpost.bundled import testdata_dir
from pymodpost.fileio import read_bytes, write_atomic
from pymodpost.kbuild.staging import stage_object
from pymodpost.kbuild.stages import (
    kernel_files, link_command, link_module, load_module_file, modpost_module, shown_argv,
    write_kernel_symvers,
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
    stages: list[Stage] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(s.ok for s in self.stages)


def run_demo(arch: str, workdir: str | os.PathLike, module: str = EXAMPLE_MODULE) -> DemoRun:
    """Run the three stages for one architecture, writing every output into ``workdir``."""
    src = testdata_dir(arch, module)
    kernel = kernel_files(arch)
    work = Path(workdir)
    work.mkdir(parents=True, exist_ok=True)
    run = DemoRun(arch, module, str(work))

    # the object, and the <module>.mod and .cmd files modpost reads beside it
    stage_object(src / f"{module}.o", work)
    kernel_symvers = write_kernel_symvers(kernel, work / "vmlinux.symvers")

    run.stages.append(_modpost_stage(src, work, module, kernel_symvers))
    if not run.stages[-1].ok:
        return run
    ko = work / f"{module}.ko"
    run.stages.append(_link_stage(arch, src, kernel.module_lds, work, module, ko))
    run.stages.append(_load_stage(arch, ko))
    return run


def _modpost_stage(src: Path, work: Path, module: str, kernel_symvers: Path) -> Stage:
    argv, result = modpost_module(work, module, kernel_symvers)
    ours = read_bytes(work / f"{module}.mod.c")
    theirs = read_bytes(src / f"{module}.mod.c")
    stage = Stage("modpost", result.status == 0 and ours == theirs)
    stage.lines.append(shown_argv(argv, work))
    stage.lines += [d.text.rstrip("\n") for d in result.diagnostics]
    from pymodpost.kernel.symvers import SymversEntry, read_symvers

    kernel_exports = {e.symbol: e for e in read_symvers(kernel_symvers) if isinstance(e, SymversEntry)}
    for mod in (m for m in result.modules if not m.from_dump and not m.is_vmlinux):
        imports = mod.unresolved_symbols
        stage.lines.append(f"{mod.basename}: {len(imports)} imported symbols, "
                           f"{len(mod.exported_symbols)} exported")
        for sym in imports[:8]:
            exp = kernel_exports.get(sym.name)
            origin = f"0x{exp.crc:08x} from {exp.module}" if exp else "not exported by the kernel"
            stage.lines.append(f"  imports {sym.name:<32} {origin}")
        if len(imports) > 8:
            stage.lines.append(f"  ... and {len(imports) - 8} more")
    stage.lines.append(f"{module}.mod.c: {len(ours)} bytes, "
                       + ("identical to the real modpost's" if ours == theirs
                          else "DIFFERS from the real modpost's"))
    return stage


def _link_stage(arch: str, src: Path, module_lds: Path, work: Path, module: str, ko: Path) -> Stage:
    mod_o = work / f"{module}.mod.o"
    shutil.copyfile(src / f"{module}.mod.o", mod_o)  # kbuild's gcc output for the .mod.c above
    result = link_module(arch, module_lds, [work / f"{module}.o", mod_o])
    write_atomic(ko, result.data)
    theirs = read_bytes(src / f"{module}.ko")
    same = result.data == theirs
    stage = Stage("link", True)
    stage.lines.append(link_command(arch, module))
    merged = [out for out in result.output_sections if out.members]
    for out in merged:
        if not out.name.startswith(".debug_"):
            stage.lines.append(f"  {out.name:<28} <- {len(out.members)} input section(s)")
    debug = sum(out.name.startswith(".debug_") for out in merged)
    if debug:
        stage.lines.append(f"  (and {debug} .debug_* sections)")
    if same:
        stage.lines.append(f"{module}.ko: {len(result.data)} bytes, byte-identical to GNU ld's")
    else:
        from pymodpost.elf import ElfFile
        from pymodpost.elf.diff import diff_elf

        differences = diff_elf(ElfFile(result.data, str(ko)), ElfFile(theirs, f"GNU ld's {module}.ko"),
                               "pymodpost", "GNU ld").differences
        stage.ok = not differences
        stage.lines.append(f"{module}.ko: {len(result.data)} bytes, not byte-identical to GNU ld's; "
                           + ("semantically identical" if not differences
                              else f"{len(differences)} differences"))
        stage.lines += [f"  {d}" for d in differences[:10]]
    return stage


def _load_stage(arch: str, ko: Path) -> Stage:
    from pymodpost.kernel.profile import load_profile

    profile = load_profile(arch)
    result = load_module_file(profile, ko)
    stage = Stage("load", result.ok)
    stage.lines.append(f"insmod {ko.name} into {profile.name} ({profile.vermagic})")
    if not result.ok:
        stage.lines.append(f"refused: {result.error.message} ({result.error.errno})")
        return stage
    for sec in result.sections:
        where = "init" if sec.init else "core"
        stage.lines.append(f"  {sec.name:<28} 0x{sec.addr:016x} {sec.size:6d} bytes ({where})")
    applied = sum(len(r.records) for r in result.relocations)
    stage.lines.append(f"{applied} relocations applied; module is live")
    return stage
