"""``pymodpost modinfo`` against kmod's ``modinfo`` over every installed Debian module.

Both print the full listing (signature included) of every ``.ko`` under the modules directory:
kmod as one ``modinfo`` process per batch of 500 files (run sequentially), we in this process
through the same per-file function the command uses.  Each side runs ``--repeat`` times and the
best time is kept; the outputs are compared byte for byte.  Also times a name look-up
(``modinfo -k RELEASE crc32c``, an alias needing the whole ``modules.alias``) as two processes.

    python bench/bench_modinfo.py [--modules DIR] [--repeat N]

Prints times and ratios; asserts nothing about speed.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

DEFAULT = Path("/lib/modules/6.1.0-56-amd64")


def best_of(repeat: int, fn) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(repeat):
        t = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - t)
    return best, result


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--modules", type=Path, default=DEFAULT, help="a /lib/modules/RELEASE directory")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()

    from pymodpost.kmod.modinfo import modinfo_file

    files = sorted(str(p) for p in (args.modules / "kernel").rglob("*.ko*"))
    if not files:
        print(f"no modules under {args.modules}/kernel", file=sys.stderr)
        return 1

    def real() -> bytes:
        return b"".join(subprocess.run(["modinfo", *files[i:i + 500]], capture_output=True).stdout
                        for i in range(0, len(files), 500))

    def ours() -> bytes:
        return b"".join(modinfo_file(f).stdout for f in files)

    t_real, out_real = best_of(args.repeat, real)
    t_ours, out_ours = best_of(args.repeat, ours)
    print(f"{len(files)} modules, {len(out_real)} bytes of output; identical: {out_real == out_ours}")
    print(f"kmod modinfo   {t_real:8.3f} s")
    print(f"pymodpost      {t_ours:8.3f} s   ratio {t_ours / t_real:.2f}x kmod")

    release = args.modules.name
    lookup = ["-k", release, "crc32c"]
    t_real_l, _ = best_of(args.repeat, lambda: subprocess.run(["modinfo", *lookup], capture_output=True))
    t_ours_l, _ = best_of(args.repeat, lambda: subprocess.run(
        [sys.executable, "-m", "pymodpost", "modinfo", *lookup], capture_output=True))
    print(f"alias look-up (process each): kmod {t_real_l * 1000:.0f} ms, "
          f"pymodpost {t_ours_l * 1000:.0f} ms, ratio {t_ours_l / t_real_l:.1f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
