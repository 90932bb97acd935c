#!/usr/bin/env python3
"""Simulate loading every module of Debian's linux-image 6.1 amd64 package against that kernel.

Modules are loaded in dependency order (modules.dep), all into one simulated kernel, so each one
resolves its imports against vmlinux and the modules loaded before it, as modprobe would arrange.
Reports the total time, modules per second and the outcome counts; with --cle, also times angr's
CLE loading the same files (if installed) and prints the ratio.

Usage: python3 bench/bench_load.py [--modules /lib/modules/6.1.0-56-amd64] [--kernel PROFILE_DIR]
       [--kallsyms FILE] [--limit N] [--cle]
"""

from __future__ import annotations

import argparse
import collections
import dataclasses
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pymodpost.kernel.kallsyms import parse_symbol_map, read_text_maybe_xz  # noqa: E402
from pymodpost.kernel.profile import BUNDLED_DIR, load_profile  # noqa: E402
from pymodpost.load.pipeline import LoadOptions, load_module  # noqa: E402
from pymodpost.load.state import KernelState  # noqa: E402


def dependency_order(moddir: Path) -> list[Path]:
    deps: dict[str, list[str]] = {}
    for line in (moddir / "modules.dep").read_text().splitlines():
        mod, _, rest = line.partition(":")
        deps[mod] = rest.split()
    order: list[str] = []
    seen: set[str] = set()
    for root in sorted(deps):
        stack = [(root, False)]
        while stack:
            mod, expanded = stack.pop()
            if expanded:
                order.append(mod)
                continue
            if mod in seen:
                continue
            seen.add(mod)
            stack.append((mod, True))
            stack.extend((d, False) for d in reversed(deps.get(mod, [])) if d not in seen)
    return [moddir / m for m in order]


def find_kallsyms(explicit: str | None) -> dict[str, int]:
    candidates = [explicit] if explicit else []
    candidates += [str(BUNDLED_DIR / "x86_64" / n) for n in ("kallsyms.xz", "kallsyms")]
    for c in candidates:
        if c and os.path.isfile(c):
            table = parse_symbol_map(read_text_maybe_xz(c), c)
            if table:
                return table
    print("no kallsyms for the Debian kernel: capturing one with the qemu harness", file=sys.stderr)
    from pymodpost.harness import boot_and_load

    return parse_symbol_map(boot_and_load("x86_64", [], capture_kallsyms=True, timeout=600).kallsyms.encode())


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--modules", default="/lib/modules/6.1.0-56-amd64")
    ap.add_argument("--kernel", default="/usr/src/linux-headers-6.1.0-56-amd64")
    ap.add_argument("--kallsyms")
    ap.add_argument("--limit", type=int)
    ap.add_argument("--cle", action="store_true", help="also time angr's CLE on an even sample of the same files")
    ap.add_argument("--cle-sample", type=int, default=100, metavar="N", help="modules CLE loads (default 100)")
    args = ap.parse_args(argv)
    moddir = Path(args.modules)
    profile = load_profile(args.kernel if os.path.isdir(args.kernel) else "x86_64")
    table = find_kallsyms(args.kallsyms)
    profile.exports = {n: dataclasses.replace(e, addr=table.get(n)) for n, e in profile.exports.items()}
    paths = dependency_order(moddir)[: args.limit]
    blobs = [(str(p), p.read_bytes()) for p in paths]  # reading is not what is measured
    state = KernelState(profile)
    outcomes: collections.Counter[str] = collections.Counter()
    reasons: collections.Counter[str] = collections.Counter()
    base = 0xFFFFFFFFC0000000
    t0 = time.perf_counter()
    c0 = time.process_time()
    for path, data in blobs:
        result = load_module(data, state, LoadOptions(core_base=base, record=False), path)
        if result.ok:
            outcomes["loaded"] += 1
            base += (result.layout.core_size + 4095) // 4096 * 4096 + 4096
        else:
            outcomes[result.error.errno or "crash"] += 1
            reasons[result.error.message.split(":")[-1].strip()[:60]] += 1
    elapsed = time.perf_counter() - t0
    cpu = time.process_time() - c0
    print(f"simulated {len(blobs)} modules in {elapsed:.2f} s wall, {cpu:.2f} s CPU "
          f"({len(blobs) / elapsed:.0f} modules/s)")
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
        sample = [path for path, _ in blobs[::step]]
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
