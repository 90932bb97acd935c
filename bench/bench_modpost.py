"""modpost on the real corpus: Debian's 4,000+ linux-image .ko files, the C modpost against ours.

Each ``.ko`` under /lib/modules/<release>/kernel is presented to modpost as an object: a
``<path>.o`` symlink to it plus an empty ``<path>.mod`` (the object list modpost reads for CRCs
and srcversion), in two identical trees, one per tool.  Both run once over the whole list with
the headers' Module.symvers (``-m -e -i <headers>/Module.symvers -o Module.symvers -T list``).
The script then compares stderr, exit status and every file written, reports mismatches by
module, and prints wall time and peak memory of both and their ratio.

With ``--kernel 6.12`` the corpus is Debian's 6.12 image (its ``.ko.xz`` files unpacked into the
trees), the real tool 6.12's modpost with ``-M`` added, and ours speaks dialect 6.12.

Usage: python bench/bench_modpost.py [--kernel 6.1|6.12] [--limit N] [--keep DIR] [--only-ours]
Exit status 0 when outputs are identical.
"""

from __future__ import annotations

import argparse
import glob
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path


def find_inputs(kernel: str = "6.1"):
    """The headers, release, modules and real modpost of ``kernel``: PYMODPOST_CORPUS_KDIR, else
    the tree testdata/regen/pins.py picks (the pinned ABI when installed, else for 6.1 the newest
    installed 6.1 ABI; never a tree of another series that sorts after it)."""
    kdir = os.environ.get("PYMODPOST_CORPUS_KDIR")
    if not kdir:
        sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "testdata" / "regen"))
        import pins

        tree = pins.live_x86_tree(kernel)
        if tree is None:
            raise SystemExit(f"no Debian {kernel} amd64 headers installed ({pins.missing(pins.pin_for(kernel))})")
        kdir = str(tree)
    release = Path(kdir).name.replace("linux-headers-", "")
    kos = sorted(glob.glob(f"/lib/modules/{release}/kernel/**/*.ko", recursive=True)
                 + glob.glob(f"/lib/modules/{release}/kernel/**/*.ko.xz", recursive=True))
    if not kos:
        raise SystemExit(f"no .ko under /lib/modules/{release}/kernel (package linux-image-{release}-unsigned)")
    # 6.1's headers carry modpost; 6.12's is in the linux-kbuild package the headers depend on
    candidates = [Path(f"/usr/lib/linux-kbuild-{release.rsplit('-', 1)[0]}/scripts/mod/modpost.real-lsb-64"),
                  Path(kdir) / "scripts/mod/modpost.real-lsb-64"]
    real = next((c for c in candidates if c.exists()), None)
    if real is None:
        raise SystemExit(f"no real modpost for {release}: looked for {', '.join(map(str, candidates))}")
    return Path(kdir), release, kos, real


def prepare(tree: Path, kos: list[str], base: str) -> list[str]:
    names = []
    for ko in kos:
        packed = ko.endswith(".xz")
        rel = os.path.relpath(ko, base)[:-6 if packed else -3]
        obj = tree / (rel + ".o")
        obj.parent.mkdir(parents=True, exist_ok=True)
        if not obj.exists():
            if packed:
                import lzma

                obj.write_bytes(lzma.decompress(Path(ko).read_bytes()))
            else:
                obj.symlink_to(ko)
        (tree / (rel + ".mod")).write_bytes(b"")
        names.append(rel + ".o")
    (tree / "list").write_text("".join(n + "\n" for n in names))
    return names


def snapshot(tree: Path) -> dict[str, bytes]:
    out = {}
    for p in tree.rglob("*.mod.c"):
        out[str(p.relative_to(tree))] = p.read_bytes()
    sv = tree / "Module.symvers"
    if sv.exists():
        out["Module.symvers"] = sv.read_bytes()
    return out


def _tree_rss_kib(pid: int) -> int:
    """VmRSS of ``pid`` and all its descendants (KiB; pages shared copy-on-write with a forked
    worker count in both, so this is an upper bound of the memory the run holds)."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/status", "rb") as f:
                for line in f:
                    if line.startswith(b"VmRSS:"):
                        total += int(line.split()[1])
                        break
            with open(f"/proc/{p}/task/{p}/children", "rb") as f:
                todo.extend(int(c) for c in f.read().split())
        except (OSError, ValueError):
            pass  # gone meanwhile
    return total


def run_measured(cmd: list[str], cwd: Path) -> tuple[float, int, bytes, int, float, int]:
    """Wall seconds, exit status, stderr, peak RSS (KiB) of the largest process, (user, system)
    CPU seconds of the tool's process including its worker processes, and the peak of the
    process tree's summed RSS (KiB; sampled every 10 ms by a thread of this script)."""
    import threading

    t0 = time.perf_counter()
    with tempfile.TemporaryFile() as errf:
        pid = os.fork()
        if pid == 0:  # child: exec the tool with stderr to the temp file
            os.chdir(cwd)
            os.dup2(errf.fileno(), 2)
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, 1)
            try:
                os.execvp(cmd[0], cmd)
            finally:
                os._exit(127)
        peak = [0]
        done = threading.Event()

        def sample() -> None:
            while not done.wait(0.01):
                peak[0] = max(peak[0], _tree_rss_kib(pid))

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        _, wstatus, usage = os.wait4(pid, 0)
        wall = time.perf_counter() - t0
        done.set()
        sampler.join()
        errf.seek(0)
        err = errf.read()
    return (wall, os.waitstatus_to_exitcode(wstatus), err, usage.ru_maxrss, (usage.ru_utime, usage.ru_stime),
            max(peak[0], usage.ru_maxrss))


def compare(real: dict[str, bytes], ours: dict[str, bytes]) -> list[str]:
    problems = []
    for name in sorted(set(real) | set(ours)):
        if name not in ours:
            problems.append(f"{name}: written by the real modpost only")
        elif name not in real:
            problems.append(f"{name}: written by pymodpost only")
        elif real[name] != ours[name]:
            problems.append(f"{name}: contents differ")
    return problems


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--kernel", default="6.1", help="the Debian kernel whose modules and modpost to use")
    ap.add_argument("--limit", type=int, default=0, help="only the first N modules")
    ap.add_argument("--keep", help="work in DIR and keep it")
    ap.add_argument("--repeat", type=int, default=1, help="time each tool this many times (best is reported)")
    args = ap.parse_args(argv)
    headers, release, kos, real_bin = find_inputs(args.kernel)
    if args.limit:
        kos = kos[:args.limit]
    base = f"/lib/modules/{release}/kernel"
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="pymodpost-corpus-"))
    try:
        trees = {"real": work / "real", "ours": work / "ours"}
        for t in trees.values():
            if t.exists():
                shutil.rmtree(t)
            t.mkdir(parents=True)
            prepare(t, kos, base)
        # this checkout's pymodpost, whatever an editable install elsewhere points at
        os.environ["PYTHONPATH"] = str(Path(__file__).resolve().parent.parent) + \
            (os.pathsep + os.environ["PYTHONPATH"] if os.environ.get("PYTHONPATH") else "")
        # the interpreter itself (what the installed pymodpost-modpost script runs), not a
        # version-manager shim in front of it
        ours_cmd = [sys.executable, "-m", "pymodpost.cli.modpost"]
        argv_common = ["-m", "-e", "-i", str(headers / "Module.symvers"), "-o", "Module.symvers", "-T", "list"]
        os.environ["PYMODPOST_DIALECT"] = "6.1-debian" if args.kernel == "6.1" else args.kernel
        if args.kernel != "6.1":
            argv_common.insert(0, "-M")  # CONFIG_MODULES, as 6.6+ kbuild passes it
        results = {}
        load_start = os.getloadavg()[0]
        # The tools take turns, and each run starts from a settled file system: the outputs of
        # the last run deleted, then sync() -- otherwise one tool pays for the other's (or its
        # own earlier) file deletions, whose journal and discard work lands seconds later.
        for _ in range(args.repeat):
            for label, cmd in (("real", [str(real_bin)]), ("ours", ours_cmd)):
                for p in trees[label].rglob("*.mod.c"):
                    p.unlink()
                os.sync()
                time.sleep(0.5)
                r = run_measured([*cmd, *argv_common], trees[label])
                best = results.get(label)
                results[label] = r if best is None or r[0] < best[0] else best
        (rw, rs, rerr, rmem, rcpu, rtree), (ow, os_, oerr, omem, ocpu, otree) = results["real"], results["ours"]
        problems = []
        if rs != os_:
            problems.append(f"exit status: real {rs}, pymodpost {os_}")
        if rerr != oerr:
            rl, ol = rerr.decode("utf-8", "replace").splitlines(), oerr.decode("utf-8", "replace").splitlines()
            import difflib

            diff = list(difflib.unified_diff(rl, ol, "real stderr", "pymodpost stderr", lineterm="", n=1))
            problems.append("stderr differs:\n" + "\n".join(diff[:60]))
        problems += compare(snapshot(trees["real"]), snapshot(trees["ours"]))
        print(f"modules: {len(kos)}  real stderr lines: {len(rerr.splitlines())}  status: {rs}")
        print(f"load average (1 min): {load_start:.1f} at start, {os.getloadavg()[0]:.1f} at the end")
        print(f"real modpost: {rw:.2f} s wall, {rcpu[0]:.2f} s user + {rcpu[1]:.2f} s system, "
              f"peak {rmem / 1024:.1f} MiB")
        print(f"pymodpost   : {ow:.2f} s wall, {ocpu[0]:.2f} s user + {ocpu[1]:.2f} s system (with workers), "
              f"peak {omem / 1024:.1f} MiB (largest process), {otree / 1024:.1f} MiB (all processes, sampled)")
        print(f"ratio (pymodpost / real): {ow / rw:.2f}x wall, {ocpu[0] / rcpu[0]:.2f}x user CPU")
        if problems:
            print(f"{len(problems)} mismatches:")
            for p in problems[:50]:
                print("  " + p)
            return 1
        print("outputs identical")
        return 0
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
