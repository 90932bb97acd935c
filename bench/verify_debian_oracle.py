#!/usr/bin/env python3
"""One-off wide check: real Debian modules at module_finalize vs the simulator.

Boots the Debian 6.1 amd64 kernel under qemu with gdb (testdata/load/gen_oracle.py machinery),
loads the first N modules of kernel/fs, kernel/crypto and kernel/lib (with their dependencies,
in modules.dep order), dumps every module's sections and whole core/init allocations at
module_finalize, then replays the same loads in the simulator and counts equal modules.  Too big
to commit as a fixture; the committed captures are testdata/load/*/oracle*.json.xz.

Usage: python3 bench/verify_debian_oracle.py [N]   (default 150; ~3 minutes of qemu)
       python3 bench/verify_debian_oracle.py kernel/arch/x86/kvm/kvm-intel.ko ...  (those, with deps)
"""

from __future__ import annotations

import collections
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "testdata" / "load"))

import gen_oracle  # noqa: E402
from pymodpost.kmod.modname import ModuleDirectory  # noqa: E402

from tests.load.test_oracle import check_against_oracle  # noqa: E402

PREFIXES = ("kernel/fs/", "kernel/crypto/", "kernel/lib/")


def main(argv: list[str]) -> int:
    moddir = gen_oracle.DEBIAN_DIR
    directory = ModuleDirectory(str(moddir))
    deps = directory.dependencies()
    if argv and argv[0].endswith(".ko"):
        picked = list(argv)
    else:
        count = int(argv[0]) if argv else 150
        picked = [m for m in sorted(deps) if m.startswith(PREFIXES)][:count]
    wanted = set(picked)
    for m in picked:
        wanted.update(deps[m])
    extra = [moddir / m for m in directory.load_order() if m in wanted]
    t0 = time.time()
    oracle = gen_oracle.generate("x86_64", only=[], with_damaged=False, extra=extra)
    outcome = collections.Counter("dumped" if m["dump"] else f"ret {m['ret']}" for m in oracle["modules"])
    print(f"{len(extra)} modules captured in {time.time() - t0:.0f} s: {dict(outcome)}")
    missing = [m["path"] for m in oracle["modules"] if not m["dump"]]
    if missing:
        print("not dumped: " + ", ".join(missing))
    compared = check_against_oracle("x86_64", oracle, record=False)
    print(f"all equal: {compared} sections and allocations compared byte for byte")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
