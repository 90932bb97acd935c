"""Parse every module of Debian's linux-image-6.1.0-56-amd64 and compare with readelf.

For each .ko: header, section headers with names, the symbol table with every name decoded, and
every relocation entry (offset, symbol, type, addend as arrays).  The reference is
``readelf -sW -r`` over the same files (one process per batch of files, run sequentially,
output discarded).  Optional: pyelftools and LIEF on a sample, extrapolated to the corpus.

    python bench/bench_elf_parse.py [--modules DIR] [--repeat N] [--sample N] [--no-readelf]

.ko.xz / .ko.zst files are decompressed once into a cache directory.  Prints times and ratios;
asserts nothing about speed.
"""

from __future__ import annotations

import argparse
import lzma
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

DEFAULT = Path("/lib/modules/6.1.0-56-amd64/kernel")
CACHE = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "pymodpost" / "corpus-ko"


def modules(root: Path) -> list[Path]:
    found = []
    for p in sorted(root.rglob("*.ko*")):
        if p.name.endswith(".ko"):
            found.append(p)
        elif p.name.endswith(".ko.xz"):
            out = CACHE / p.relative_to(root).with_suffix("")
            if not out.exists():
                out.parent.mkdir(parents=True, exist_ok=True)
                out.write_bytes(lzma.decompress(p.read_bytes()))
            found.append(out)
        elif p.name.endswith(".ko.zst") and shutil.which("zstd"):
            out = CACHE / p.relative_to(root).with_suffix("")
            if not out.exists():
                out.parent.mkdir(parents=True, exist_ok=True)
                subprocess.run(["zstd", "-dqf", str(p), "-o", str(out)], check=True)
            found.append(out)
    return found


def ours(paths: list[Path]) -> tuple[float, float, int, int]:
    """(wall seconds, CPU seconds, symbols, relocations)."""
    from pymodpost.elf import ElfFile

    cpu = time.process_time()
    t = time.perf_counter()
    nsym = nrel = 0
    for p in paths:
        elf = ElfFile.open(p)
        syms = elf.symtab
        nsym += len(syms.names)
        for rs in elf.relocation_sections():
            r = elf.relocations(rs)
            # touch every array a relocation user needs
            r.offset, r.sym, r.type, r.addend
            nrel += len(r)
    return time.perf_counter() - t, time.process_time() - cpu, nsym, nrel


def children_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def readelf(paths: list[Path], batch: int = 400) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the readelf processes)."""
    cpu = children_cpu()
    t = time.perf_counter()
    for i in range(0, len(paths), batch):
        subprocess.run(["readelf", "-sW", "-r", *map(str, paths[i:i + batch])],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - t, children_cpu() - cpu


def pyelftools(paths: list[Path]) -> float:
    from elftools.elf.elffile import ELFFile
    from elftools.elf.relocation import RelocationSection

    t = time.perf_counter()
    for p in paths:
        with open(p, "rb") as f:
            elf = ELFFile(f)
            symtab = elf.get_section_by_name(".symtab")
            [s.name for s in symtab.iter_symbols()]
            for sec in elf.iter_sections():
                if isinstance(sec, RelocationSection):
                    [(r["r_offset"], r["r_info_sym"], r["r_info_type"], r["r_addend"])
                     for r in sec.iter_relocations()]
    return time.perf_counter() - t


def lief_parse(paths: list[Path]) -> float | None:
    try:
        import lief
    except ImportError:
        return None
    lief.logging.disable()
    t = time.perf_counter()
    for p in paths:
        b = lief.ELF.parse(str(p))
        [s.name for s in b.symtab_symbols]
        [(r.address, r.type, r.addend) for r in b.object_relocations]
    return time.perf_counter() - t


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--modules", type=Path, default=DEFAULT)
    ap.add_argument("--repeat", type=int, default=2, help="runs of our parser (best is shown)")
    ap.add_argument("--sample", type=int, default=200,
                    help="modules for the pyelftools/LIEF sample (0: skip them)")
    ap.add_argument("--no-readelf", action="store_true")
    args = ap.parse_args()
    if not args.modules.is_dir():
        print(f"no modules under {args.modules}: install linux-image-6.1.0-56-amd64-unsigned")
        return 1
    paths = modules(args.modules)
    size = sum(p.stat().st_size for p in paths)
    print(f"corpus: {len(paths)} modules, {size / 2**20:.0f} MiB ({args.modules})")
    for p in paths:  # warm the page cache so both sides read from memory
        p.read_bytes()
    # wall time is what a person waits for; CPU time is steadier on a shared machine
    runs = [ours(paths) for _ in range(max(1, args.repeat))]
    best, best_cpu = min(r[0] for r in runs), min(r[1] for r in runs)
    _, _, nsym, nrel = runs[0]
    print(f"pymodpost.elf  {best:7.3f} s wall {best_cpu:7.3f} s CPU   "
          f"({nsym} symbols, {nrel} relocations; files read inside the timing)")
    if not args.no_readelf and shutil.which("readelf"):
        tr, tr_cpu = readelf(paths)
        print(f"readelf -sW -r {tr:7.3f} s wall {tr_cpu:7.3f} s CPU   (sequential, 400 files "
              f"per process)  ratio readelf/ours: wall {tr / best:.1f}x, CPU {tr_cpu / best_cpu:.1f}x")
    if args.sample:
        step = max(1, len(paths) // args.sample)
        sample = paths[::step]
        scale = len(paths) / len(sample)
        tp = pyelftools(sample) * scale
        print(f"pyelftools     {tp:7.3f} s   (extrapolated from {len(sample)} modules)  "
              f"ratio pyelftools/ours = {tp / best:.1f}x")
        tl = lief_parse(sample)
        if tl is not None:
            tl *= scale
            print(f"LIEF           {tl:7.3f} s   (extrapolated from {len(sample)} modules)  "
                  f"ratio LIEF/ours = {tl / best:.1f}x")
        else:
            print("LIEF           not installed (pip install lief to compare)")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    raise SystemExit(main())
