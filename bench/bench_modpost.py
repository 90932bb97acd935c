"""modpost on the real corpus: Debian's 4,000+ linux-image .ko files, the C modpost against ours.

Each ``.ko`` under /lib/modules/<release>/kernel is presented to modpost as an object: a
``<path>.o`` symlink to it plus an empty ``<path>.mod`` (the object list modpost reads for CRCs
and srcversion), in two identical trees, one per tool.  Both run once over the whole list with
the headers' Module.symvers and the options the kernel's Makefile.modpost derives from the headers'
.config (``-m -o Module.symvers -T list -i <headers>/Module.symvers -e`` for 6.1).
The script then compares stderr, exit status and every file written, reports mismatches by
module, and prints wall time and peak memory of both and their ratio.

With ``--kernel 6.12`` the corpus is Debian's 6.12 image (its ``.ko.xz`` files unpacked into the
trees), the real tool 6.12's modpost (``-M -m``), and ours speaks dialect 6.12.

With ``--kernel 7.3`` it is Debian's 7.3 modules package (trixie-backports, fetched and unpacked,
not installed, by testdata/regen/fetch-debian-package.sh as kernels/sources.txt pins it) with its
headers package's Module.symvers and .config (no CONFIG_MODVERSIONS: ``-M`` without ``-m``); the
real tool is the modpost of the 7.3 oracle kernel (testdata/regen/build-kernel.sh 7.3 x86_64,
the same 7.3.4 source), and ours speaks dialect 7.3.

Usage: python bench/bench_modpost.py [--kernel 6.1|6.12|7.3] [--limit N] [--keep DIR] [--repeat N]
                                    [--also OPTIONS]...
Exit status 0 when outputs are identical.
"""

from __future__ import annotations

import argparse
import glob
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path


REPO = Path(__file__).resolve().parent.parent
REGEN = REPO / "testdata" / "regen"


def _pins():
    sys.path.insert(0, str(REGEN))
    import pins

    return pins


def find_inputs(kernel: str = "6.1"):
    """The headers, modules folder, modules and real modpost of ``kernel``.

    A corpus that testdata/regen/kernels/sources.txt pins (7.3) is fetched (or reused) with
    fetch-debian-package.sh and checked by the real modpost of the oracle kernel build-kernel.sh
    makes from the same source.  Otherwise Debian's installed packages: PYMODPOST_CORPUS_KDIR, else
    the tree testdata/regen/pins.py picks (the pinned ABI when installed, else for 6.1 the newest
    installed 6.1 ABI; never a tree of another series that sorts after it)."""
    pins = _pins()
    corpus = pins.fetched_corpus(kernel)
    if corpus is not None:
        return _fetched_inputs(pins, corpus)
    kdir = os.environ.get("PYMODPOST_CORPUS_KDIR")
    if not kdir:
        tree = pins.live_x86_tree(kernel)
        if tree is None:
            raise SystemExit(f"no Debian {kernel} amd64 headers installed ({pins.missing(pins.pin_for(kernel))})")
        kdir = str(tree)
    release = Path(kdir).name.replace("linux-headers-", "")
    base = Path(f"/lib/modules/{release}/kernel")
    kos = _modules(base)
    if not kos:
        raise SystemExit(f"no .ko under {base} (package linux-image-{release}-unsigned)")
    # 6.1's headers carry modpost; 6.12's is in the linux-kbuild package the headers depend on
    candidates = [Path(f"/usr/lib/linux-kbuild-{release.rsplit('-', 1)[0]}/scripts/mod/modpost.real-lsb-64"),
                  Path(kdir) / "scripts/mod/modpost.real-lsb-64"]
    real = next((c for c in candidates if c.exists()), None)
    if real is None:
        raise SystemExit(f"no real modpost for {release}: looked for {', '.join(map(str, candidates))}")
    return Path(kdir), base, kos, real


def _modules(base: Path) -> list[str]:
    return sorted(glob.glob(f"{base}/**/*.ko", recursive=True) + glob.glob(f"{base}/**/*.ko.xz", recursive=True))


def _script_output(argv: list[str], what: str) -> Path:
    """The last line a testdata/regen script prints (the path it made or reused)."""
    proc = subprocess.run(argv, stdout=subprocess.PIPE, text=True)
    if proc.returncode != 0 or not proc.stdout.strip():
        raise SystemExit(f"{' '.join(argv)} failed (status {proc.returncode}): no {what}")
    return Path(proc.stdout.strip().splitlines()[-1])


def _fetched_inputs(pins, corpus):
    cache = pins.cache_root()
    for package in (corpus.modules, corpus.headers):
        if not package.ready(cache):
            _script_output([str(pins.FETCH), package.name], f"unpacked {package.name}")
    base, headers = corpus.modules_dir(cache), corpus.headers_dir(cache)
    kos = _modules(base)
    if not kos or not (headers / "Module.symvers").is_file():
        raise SystemExit(f"{corpus.modules.unpacked(cache)}: no .ko under {base}, or no {headers}/Module.symvers")
    tree = _script_output([str(REGEN / "build-kernel.sh"), corpus.kernel, "x86_64"], f"{corpus.kernel} kernel tree")
    real = tree / "scripts/mod/modpost"
    if not real.is_file():
        raise SystemExit(f"{tree}: no scripts/mod/modpost")
    return headers, base, kos, real


def modpost_argv(headers: Path, dialect) -> list[str]:
    """modpost's options as the kernel's Makefile.modpost derives them from the headers' .config
    for an external module (``-T`` names the list of every module instead of modules.order)."""
    from pymodpost.kbuild.stages import kbuild_modpost_flags
    from pymodpost.kernel.config import parse_dotconfig

    config = parse_dotconfig((headers / ".config").read_text())
    return [*kbuild_modpost_flags(config, dialect.modpost), "-o", "Module.symvers", "-T", "list",
            "-i", str(headers / "Module.symvers"), "-e"]


def prepare(tree: Path, kos: list[str], base: Path, unpacked: Path | None = None) -> list[str]:
    """``tree`` as modpost's input: per module a ``.o`` (a symlink to the ``.ko``, or to its
    decompressed copy in ``unpacked``, the first tree prepared; else that copy itself) and an
    empty ``.mod``."""
    names = []
    for ko in kos:
        packed = ko.endswith(".xz")
        rel = os.path.relpath(ko, base)[:-6 if packed else -3]
        obj = tree / (rel + ".o")
        obj.parent.mkdir(parents=True, exist_ok=True)
        if not obj.exists():
            if packed and unpacked is None:
                import lzma

                obj.write_bytes(lzma.decompress(Path(ko).read_bytes()))
            else:
                obj.symlink_to(unpacked / (rel + ".o") if packed else ko)
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


def run_measured(cmd: list[str], cwd: Path) -> tuple[float, int, bytes, int, tuple[float, float], int]:
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


def compare_tools(trees: dict[str, Path], real_bin: Path, ours_cmd: list[str], argv_common: list[str],
                  repeat: int, modules: int) -> int:
    """Both tools over their trees with ``argv_common``, outputs compared and times reported;
    0 when identical."""
    results = {}
    load_start = os.getloadavg()[0]
    # The tools take turns, and each run starts from a settled file system: the outputs of
    # the last run deleted, then sync() -- otherwise one tool pays for the other's (or its
    # own earlier) file deletions, whose journal and discard work lands seconds later.
    for _ in range(repeat):
        for label, cmd in (("real", [str(real_bin)]), ("ours", ours_cmd)):
            for p in trees[label].rglob("*.mod.c"):
                p.unlink()
            (trees[label] / "Module.symvers").unlink(missing_ok=True)
            os.sync()
            time.sleep(0.5)
            r = run_measured([*cmd, *argv_common], trees[label])
            best = results.get(label)
            results[label] = r if best is None or r[0] < best[0] else best
    (rw, rs, rerr, rmem, rcpu, _), (ow, os_, oerr, omem, ocpu, otree) = results["real"], results["ours"]
    problems = []
    if rs != os_:
        problems.append(f"exit status: real {rs}, pymodpost {os_}")
    if rerr != oerr:
        rl, ol = rerr.decode("utf-8", "replace").splitlines(), oerr.decode("utf-8", "replace").splitlines()
        import difflib

        diff = list(difflib.unified_diff(rl, ol, "real stderr", "pymodpost stderr", lineterm="", n=1))
        problems.append("stderr differs:\n" + "\n".join(diff[:60]))
    problems += compare(snapshot(trees["real"]), snapshot(trees["ours"]))
    print(f"real modpost: {real_bin}")
    print(f"modpost {' '.join(argv_common)}")
    print(f"modules: {modules}  real stderr lines: {len(rerr.splitlines())}  status: {rs}")
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


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--kernel", default="6.1", help="the Debian kernel whose modules and modpost to use")
    ap.add_argument("--limit", type=int, default=0, help="only the first N modules")
    ap.add_argument("--keep", help="work in DIR and keep it")
    ap.add_argument("--repeat", type=int, default=1, help="time each tool this many times (best is reported)")
    ap.add_argument("--also", action="append", default=[], metavar="OPTIONS",
                    help="then compare again with these modpost options added (e.g. '-m -w'); repeatable")
    args = ap.parse_args(argv)
    headers, base, kos, real_bin = find_inputs(args.kernel)
    if args.limit:
        kos = kos[:args.limit]
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="pymodpost-corpus-"))
    try:
        trees = {"real": work / "real", "ours": work / "ours"}
        for t in trees.values():
            if t.exists():
                shutil.rmtree(t)
            t.mkdir(parents=True)
            prepare(t, kos, base, None if t == trees["real"] else trees["real"])
        # this checkout's pymodpost, whatever an editable install elsewhere points at
        os.environ["PYTHONPATH"] = str(REPO) + \
            (os.pathsep + os.environ["PYTHONPATH"] if os.environ.get("PYTHONPATH") else "")
        sys.path.insert(0, str(REPO))
        from pymodpost.dialect import by_name

        # the interpreter itself (what the installed pymodpost-modpost script runs), not a
        # version-manager shim in front of it
        ours_cmd = [sys.executable, "-m", "pymodpost.cli.modpost"]
        os.environ["PYMODPOST_DIALECT"] = "6.1-debian" if args.kernel == "6.1" else args.kernel
        argv_common = modpost_argv(headers, by_name(os.environ["PYMODPOST_DIALECT"]))
        status = compare_tools(trees, real_bin, ours_cmd, argv_common, args.repeat, len(kos))
        for extra in args.also:
            # a harder run on the same inputs: Makefile.modpost's options plus these
            status |= compare_tools(trees, real_bin, ours_cmd, [*extra.split(), *argv_common], args.repeat, len(kos))
        return status
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
