#!/usr/bin/env python3
"""Regenerate oracle-riscv64-6.12/: what the real riscv64 6.12 kernel's relocation drivers write.

1. kbuild builds riscv_reloc_edges/ (here) against the cached 6.12 riscv64 kernel tree
   (``<cache>/riscv64-6.12/build``, testdata/regen/build-kernel.sh) and the relocation types gas
   2.40 cannot name are set in pm_acc.ko (see acc_fields.S);
2. the harness boots that kernel's Image under qemu with gdb on ``module_finalize`` and loads
   riscv_relocs.ko (the 6.12 fixture), pm_acc, pm_tls, pm_dyn and, last because it oopses, pm_one;
3. capture.json keeps, per module, the section addresses and bytes at module_finalize (for those
   that get there), the kernel lines logged during the load and the syscall outcome.

Usage: python3 testdata/arch/gen_reloc_oracle.py   (needs riscv64 binutils, qemu-system-riscv64,
gdb-multiarch and the built 6.12 riscv64 kernel)
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
OUT = HERE / "oracle-riscv64-6.12"
SOURCES = HERE / "riscv_reloc_edges"
FIXTURE = ROOT / "testdata" / "6.12" / "riscv64" / "riscv_relocs" / "riscv_relocs.ko"
EDGE_MODULES = ("pm_acc", "pm_tls", "pm_dyn", "pm_one")  # pm_one last: the kernel oopses on it

#: in pm_acc's data section: field -> {type gas wrote: type the kernel is to see}
RETYPE = {"pm_uleb": {56: 60, 39: 61}, "pm_uleb_zero": {56: 60, 39: 61}, "pm_plt32": {57: 59}}


def kernel_build() -> Path:
    from pymodpost.harness.kernels import cache_root

    return cache_root() / "riscv64-6.12" / "build"


def build(workdir: Path) -> dict[str, Path]:
    for src in SOURCES.iterdir():
        shutil.copy(src, workdir)
    for name in EDGE_MODULES:
        shutil.copy(SOURCES / "main.c", workdir / f"main_{name[3:]}.c")
    subprocess.run(["make", "-s", "-C", str(kernel_build()), "ARCH=riscv", "CROSS_COMPILE=riscv64-linux-gnu-",
                    f"M={workdir}", "modules"], check=True, capture_output=True)
    retype(workdir / "pm_acc.ko")
    return {name: workdir / f"{name}.ko" for name in EDGE_MODULES}


def retype(path: Path) -> None:
    """Set the relocation types of RETYPE's fields in the linked module, in place."""
    from pymodpost.elf.reader import ElfFile

    data = bytearray(path.read_bytes())
    elf = ElfFile(bytes(data))
    symtab = elf.symtab
    places = {symtab.name(i): int(symtab.value[i]) for i in range(len(symtab)) if symtab.name(i) in RETYPE}
    relsec = elf.section_by_name(".rela.data.pm_acc")
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


def capture(modules: list[Path], image: Path | None = None) -> dict:
    from pymodpost.harness.oracle import dump_at_module_finalize
    from pymodpost.harness.results import LoadStep

    build_dir = kernel_build()
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
    return {"kernel": "Linux 6.12.118 riscv64 (testdata/regen/build-kernel.sh tree), nokaslr", "modules": out}


def main() -> int:
    OUT.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="pymodpost-reloc-oracle-") as tmp:
        built = build(Path(tmp))
        for name, path in built.items():
            shutil.copy(path, OUT / f"{name}.ko")
    modules = [FIXTURE, *(OUT / f"{name}.ko" for name in EDGE_MODULES)]
    data = capture(modules)
    (OUT / "capture.json").write_text(json.dumps(data, indent=1) + "\n")
    print(f"{OUT}: {sum(1 for m in data['modules'] if m['dump'])} dumps")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    os.chdir(ROOT)
    raise SystemExit(main())
