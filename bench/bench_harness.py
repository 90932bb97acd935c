"""Boot + load + unload time of the qemu harness, per architecture and boot route.

Each run boots the fixture kernel, loads the kbuild-built ``params`` fixture with parameters,
reads its sysfs files (and, unless ``--no-symbols``, its /proc/kallsyms lines), unloads it and
powers off; the time is qemu's wall time from start to exit.  Runs of the different routes are
interleaved so machine load hits them alike.  For x86_64 the reference is the plain route --
qemu booting Debian's bzImage as such -- and the ratio of the PVH route (the same kernel's
vmlinux, unpacked once on the host) to it is printed.

    python bench/bench_harness.py [--repeat N] [--no-symbols] [--arch x86_64|riscv64]

Prints numbers only; asserts nothing about speed.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pymodpost.harness import LoadStep, boot_and_load  # noqa: E402

PARAMS = ["count=7", "greeting=hey", "verbose=1", "levels=4,5,6", "label=xyz", "bitmask=0x10"]


def routes(arches: list[str]) -> list[tuple[str, str, bool]]:
    """(label, arch, pvh) for every route measured."""
    out = []
    if "x86_64" in arches:
        out += [("x86_64 bzImage", "x86_64", False), ("x86_64 PVH", "x86_64", True)]
    if "riscv64" in arches:
        out.append(("riscv64 Image", "riscv64", True))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-symbols", action="store_true", help="skip the per-module kallsyms read")
    parser.add_argument("--arch", action="append", choices=("x86_64", "riscv64"))
    args = parser.parse_args()
    chosen = routes(args.arch or ["x86_64", "riscv64"])
    times: dict[str, list[float]] = {label: [] for label, _, _ in chosen}
    print(f"load average before: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    for _ in range(args.repeat):
        for label, arch, pvh in chosen:
            ko = str(ROOT / "testdata" / arch / "params" / "params.ko")
            result = boot_and_load(arch, [LoadStep(ko, PARAMS)], pvh=pvh,
                                   module_symbols=not args.no_symbols, timeout=600)
            if not (result.steps[0].ok and result.steps[0].unload and result.steps[0].unload.ok):
                print(f"{label}: the params fixture did not load and unload cleanly", file=sys.stderr)
                return 1
            times[label].append(result.duration)
    print(f"load average after:  {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    for label, values in times.items():
        runs = " ".join(f"{v:.2f}" for v in values)
        print(f"{label:16} median {statistics.median(values):6.2f} s   runs: {runs}")
    if "x86_64 PVH" in times:
        ratio = statistics.median(times["x86_64 PVH"]) / statistics.median(times["x86_64 bzImage"])
        print(f"x86_64 PVH / bzImage: {ratio:.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
