#!/usr/bin/env python3
"""Simulate loading every module of a Debian linux-image amd64 package against that kernel.

Modules are loaded in dependency order (modules.dep), all into one simulated kernel, so each one
resolves its imports against vmlinux and the modules loaded before it, as modprobe would arrange,
and goes where the real kernel puts the next module (after the one loaded before).  Compressed
modules (6.12's .ko.xz) are decompressed as kmod does before the timing starts: reading and
unpacking the files is not what is measured (its time is printed apart).  Reports the total
time, modules per second and the outcome counts; with --cle, also times angr's CLE loading the
same files (if installed) and prints the ratio.

Usage: python3 bench/bench_load.py [--kernel 6.1|6.12] [--modules DIR] [--profile PROFILE]
       [--struct-module-size N] [--limit N] [--cle]
"""

from __future__ import annotations

import argparse
import collections
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pymodpost.kernel.profile import load_profile  # noqa: E402
from pymodpost.load.bulk import load_in_order, outcome, read_directory  # noqa: E402
from pymodpost.load.state import KernelState  # noqa: E402

#: Debian kernel -> the bundled profile of it (config, Module.symvers, a kallsyms capture)
PROFILES = {"6.1": "x86_64", "6.12": "6.12/x86_64"}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--kernel", default="6.1", choices=sorted(PROFILES), help="which Debian kernel (default 6.1)")
    ap.add_argument("--profile", help="kernel profile (default: the bundled one of --kernel)")
    ap.add_argument("--modules", help="module directory (default: /lib/modules/<the profile's release>)")
    ap.add_argument("--struct-module-size", type=int, help="the kernel's sizeof(struct module), checked by 6.12")
    ap.add_argument("--limit", type=int)
    ap.add_argument("--cle", action="store_true", help="also time angr's CLE on an even sample of the same files")
    ap.add_argument("--cle-sample", type=int, default=100, metavar="N", help="modules CLE loads (default 100)")
    args = ap.parse_args(argv)
    profile = load_profile(args.profile or PROFILES[args.kernel])
    moddir = Path(args.modules or f"/lib/modules/{profile.release}")
    t_read = time.perf_counter()
    blobs = read_directory(str(moddir), args.limit)  # reading and decompressing are not what is measured
    t_read = time.perf_counter() - t_read
    state = KernelState(profile)
    outcomes: collections.Counter[str] = collections.Counter()
    reasons: collections.Counter[str] = collections.Counter()
    t0 = time.perf_counter()
    c0 = time.process_time()
    for _, result in load_in_order(state, blobs, args.struct_module_size):
        outcomes[outcome(result)] += 1
        if not result.ok:
            reasons[result.error.message.split(":")[-1].strip()[:60]] += 1
    elapsed = time.perf_counter() - t0
    cpu = time.process_time() - c0
    print(f"{profile.release}: simulated {len(blobs)} modules in {elapsed:.2f} s wall, {cpu:.2f} s CPU "
          f"({len(blobs) / elapsed:.0f} modules/s); reading and decompressing them took {t_read:.2f} s")
    print("outcomes: " + ", ".join(f"{k} {v}" for k, v in outcomes.most_common()))
    for reason, n in reasons.most_common(8):
        print(f"  {n:5d}  {reason}")
    if args.cle:
        try:
            import logging

            import cle  # type: ignore
        except ImportError:
            print("angr's cle is not installed: no comparison (pip install cle)")
            return 0
        logging.getLogger("cle").setLevel(logging.ERROR)
        step = max(1, len(blobs) // args.cle_sample)
        sample = [str(moddir / path) for path, _ in blobs[::step]]
        t1 = time.perf_counter()
        for path in sample:
            cle.Loader(path, auto_load_libs=False)
        cle_each = (time.perf_counter() - t1) / len(sample)
        ours_each = elapsed / len(blobs)
        print(f"cle.Loader: {cle_each * 1000:.1f} ms per module over {len(sample)} of them "
              f"(~{cle_each * len(blobs):.0f} s for all); pymodpost {ours_each * 1000:.2f} ms: "
              f"{cle_each / ours_each:.0f}x faster")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
