#!/usr/bin/env python3
"""Regenerate oracle-riscv64-<release>/: what a real riscv64 kernel's relocation drivers write.

1. kbuild builds riscv_reloc_edges/ (here) against the cached riscv64 kernel tree of that release
   (``<cache>/riscv64-<release>/build``, testdata/regen/build-kernel.sh) and the relocation types
   gas 2.40 cannot name are set in pm_acc.ko (see acc_fields.S); for 7.3, which has no fixture of
   its own, testdata/modules/riscv_relocs too;
2. the harness boots that kernel's Image under qemu with gdb on ``module_finalize`` and loads
   riscv_relocs.ko (6.12: the committed fixture), pm_acc, pm_tls, pm_dyn and, last because it
   oopses, pm_one;
3. capture.json keeps, per module, the section addresses and bytes at module_finalize (for those
   that get there), the kernel lines logged during the load and the syscall outcome.

Usage: python3 testdata/arch/gen_reloc_oracle.py [6.12|7.3 ...]   (needs riscv64 binutils,
qemu-system-riscv64, gdb-multiarch and the built riscv64 kernels)
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
SOURCES = HERE / "riscv_reloc_edges"
FIXTURE_SOURCES = ROOT / "testdata" / "modules" / "riscv_relocs"
RELEASES = ("6.12", "7.3")
EDGE_MODULES = ("pm_acc", "pm_tls", "pm_dyn", "pm_one")  # pm_one last: the kernel oopses on it

#: in pm_acc's data section: field -> {type gas wrote: type the kernel is to see}
RETYPE = {"pm_uleb": {56: 60, 39: 61}, "pm_uleb_zero": {56: 60, 39: 61}, "pm_plt32": {57: 59}}


def out_dir(release: str) -> Path:
    return HERE / f"oracle-riscv64-{release}"


def fixture(release: str) -> Path:
    """riscv_relocs.ko: the committed 6.12 fixture, or the one built here for 7.3."""
    committed = ROOT / "testdata" / release / "riscv64" / "riscv_relocs" / "riscv_relocs.ko"
    return committed if committed.exists() else out_dir(release) / "riscv_relocs.ko"


def kernel_build(release: str = "6.12") -> Path:
    from pymodpost.harness.kernels import cache_root

    return cache_root() / f"riscv64-{release}" / "build"


def _kbuild(release: str, workdir: Path) -> None:
    subprocess.run(["make", "-s", "-C", str(kernel_build(release)), "ARCH=riscv", "CROSS_COMPILE=riscv64-linux-gnu-",
                    f"M={workdir}", "modules"], check=True, capture_output=True)


def build(release: str, workdir: Path) -> dict[str, Path]:
    for src in SOURCES.iterdir():
        shutil.copy(src, workdir)
    for name in EDGE_MODULES:
        shutil.copy(SOURCES / "main.c", workdir / f"main_{name[3:]}.c")
    _kbuild(release, workdir)
    retype(workdir / "pm_acc.ko")
    built = {name: workdir / f"{name}.ko" for name in EDGE_MODULES}
    if not fixture(release).exists() or fixture(release).parent == out_dir(release):
        fixture_dir = workdir / "riscv_relocs"
        shutil.copytree(FIXTURE_SOURCES, fixture_dir)
        _kbuild(release, fixture_dir)
        built["riscv_relocs"] = fixture_dir / "riscv_relocs.ko"
    return built


def retype(path: Path) -> None:
    """Set the relocation types of RETYPE's fields in the linked module, in place."""
    from pymodpost.elf.reader import ElfFile

    data = bytearray(path.read_bytes())
    elf = ElfFile(bytes(data))
    symtab = elf.symtab
    wanted = [i for i in range(len(symtab)) if symtab.name(i) in RETYPE]
    places = {symtab.name(i): int(symtab.value[i]) for i in wanted}
    # the fields' section: .data.pm_acc, or .data where the module linker script merges it (7.3)
    (home,) = {int(symtab.shndx[i]) for i in wanted}
    (relsec,) = [r for r in elf.relocation_sections() if r.info == home]
    changed = 0
    for i, entry in enumerate(elf.relocations(relsec).array):
        for field, types in RETYPE.items():
            old = int(entry["r_info"]) & 0xFFFFFFFF
            if int(entry["r_offset"]) == places[field] and old in types:
                at = relsec.offset + 24 * i + 8
                data[at:at + 4] = types[old].to_bytes(4, "little")
                changed += 1
    assert changed == 5, changed
    path.write_bytes(data)


def capture(modules: list[Path], image: Path | None = None, release: str = "6.12") -> dict:
    from pymodpost.harness.oracle import dump_at_module_finalize
    from pymodpost.harness.results import LoadStep

    build_dir = kernel_build(release)
    image = image or build_dir / "arch" / "riscv" / "boot" / "Image"
    finalize = next(int(line.split()[0], 16) for line in (build_dir / "System.map").read_text().splitlines()
                    if line.endswith(" module_finalize"))
    run = dump_at_module_finalize("riscv64", [LoadStep(str(m)) for m in modules], finalize, kernel=str(image))
    dumps = {d["module"]: d for d in run.dumps}
    out = []
    for path, load, messages in zip(modules, run.loads, run.messages):
        name = path.stem
        out.append({"module": name, "ret": None if load is None else load.ret,
                    "errno": None if load is None else load.errno, "signal": None if load is None else load.signal,
                    "messages": messages,
                    "dump": dumps.get(name)})
    release = (build_dir / "include" / "config" / "kernel.release").read_text().strip()
    return {"kernel": f"Linux {release} riscv64 (testdata/regen/build-kernel.sh tree), nokaslr", "modules": out}


def modules_of(release: str) -> list[Path]:
    return [fixture(release), *(out_dir(release) / f"{name}.ko" for name in EDGE_MODULES)]


def main(argv: list[str]) -> int:
    for release in argv or RELEASES:
        out = out_dir(release)
        out.mkdir(exist_ok=True)
        with tempfile.TemporaryDirectory(prefix="pymodpost-reloc-oracle-") as tmp:
            for name, path in build(release, Path(tmp)).items():
                shutil.copy(path, out / f"{name}.ko")
        data = capture(modules_of(release), release=release)
        (out / "capture.json").write_text(json.dumps(data, indent=1) + "\n")
        print(f"{out}: {sum(1 for m in data['modules'] if m['dump'])} dumps")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    os.chdir(ROOT)
    raise SystemExit(main(sys.argv[1:]))
