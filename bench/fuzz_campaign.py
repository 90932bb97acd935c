"""Long fuzz campaign over every entry point (issue 7): N structurally damaged cases each.

    nice -n 10 python bench/fuzz_campaign.py --cases 100000 --jobs 2 [--entries elf,load]

Cases come from the shared engine (tests/fuzz/mutators.py, tests/fuzz/entries.py); case ``i`` of
entry ``E`` is ``make(case_rng(E, seed, i))``, so any case can be replayed from its number.
Cases run in worker processes, in-process for speed, each under RLIMIT_AS (``--mem-limit-mb``)
and a hard SIGALRM limit (``--hard-seconds``); the per-case wall time is measured and cases
over ``--slow-seconds`` (the issue's 5 s) are counted.  A case answered by anything but a result
or the entry's typed error is a crash: it is stored under testdata/fuzz/crashes/<entry>/ (a few
per distinct signature) for tests/fuzz/test_crashes.py.  A worker killed outright (e.g. by the
kernel) is counted as a lost chunk.  The summary (cases, answers, crashes by signature, slowest
case, peak RSS of the workers) is printed and, with ``--json``, written out.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import sys
import tempfile
import time
import traceback
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _limit_memory(megabytes: int) -> None:
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # no thread-pool reservations under RLIMIT_AS
    if megabytes:
        limit = megabytes << 20
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def _signature(exc: BaseException) -> str:
    """Exception type and the innermost frame inside pymodpost (else the innermost at all)."""
    frames = traceback.extract_tb(exc.__traceback__)
    ours = [f for f in frames if "/pymodpost/" in f.filename] or frames
    where = f"{Path(ours[-1].filename).name}:{ours[-1].name}" if ours else "?"
    return f"{type(exc).__name__} in {where}"


def run_chunk(entry: str, seed: int, start: int, stop: int, hard: float, slow: float,
              crash_dir: str | None, keep: int) -> dict:
    """Cases [start, stop) of one entry; returns counts and the crashes met."""
    from tests.fuzz import mutators as M
    from tests.fuzz.entries import ENTRIES, CaseTimeout, known_open_bug, run_case, save_case

    make, _ = ENTRIES[entry]
    stats = {"entry": entry, "cases": 0, "answers": {}, "crashes": {}, "slow": 0,
             "max_seconds": 0.0, "max_case": None, "seconds": 0.0}
    t_chunk = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="fuzz-") as tmp:
        workdir = Path(tmp)
        for number in range(start, stop):
            case = make(M.case_rng(entry, seed, number))
            t0 = time.perf_counter()
            try:
                answer = run_case(case, workdir, hard)
            except (Exception, CaseTimeout, MemoryError, RecursionError) as exc:
                sig = _signature(exc)
                bug = known_open_bug(exc)
                if bug:
                    sig += f" [known open: {bug}]"
                answer = "CRASH"
                seen = stats["crashes"].setdefault(sig, {"count": 0, "first": number, "saved": []})
                seen["count"] += 1
                prefix = hashlib.sha1(sig.encode()).hexdigest()[:10]
                stored = Path(crash_dir or ".") / entry
                # at most ``keep`` cases per signature in the whole directory (all workers, all runs)
                if crash_dir and len(list(stored.glob(prefix + "-*"))) < keep:
                    target = stored / f"{prefix}-{seed}-{number}"
                    detail = "".join(traceback.format_exception(exc)[-3:])
                    save_case(case, target, f"{sig}\n{detail}")
                    seen["saved"].append(str(target))
            took = time.perf_counter() - t0
            stats["cases"] += 1
            stats["answers"][answer] = stats["answers"].get(answer, 0) + 1
            if took > slow:
                stats["slow"] += 1
            if took > stats["max_seconds"]:
                stats["max_seconds"], stats["max_case"] = took, number
    stats["seconds"] = time.perf_counter() - t_chunk
    stats["maxrss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return stats


def merge(total: dict, part: dict) -> None:
    total["cases"] += part["cases"]
    total["slow"] += part["slow"]
    total["seconds"] += part["seconds"]
    for k, v in part["answers"].items():
        total["answers"][k] = total["answers"].get(k, 0) + v
    for sig, info in part["crashes"].items():
        mine = total["crashes"].setdefault(sig, {"count": 0, "first": info["first"], "saved": []})
        mine["count"] += info["count"]
        mine["first"] = min(mine["first"], info["first"])
        mine["saved"] += info["saved"]
    if part["max_seconds"] > total["max_seconds"]:
        total["max_seconds"], total["max_case"] = part["max_seconds"], part["max_case"]
    total["maxrss_mb"] = max(total.get("maxrss_mb", 0), part["maxrss_mb"])


def main(argv: list[str] | None = None) -> int:
    from tests.fuzz.entries import CRASHES, ENTRIES

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cases", type=int, default=10_000, help="cases per entry point")
    ap.add_argument("--entries", default=",".join(ENTRIES), help="comma-separated entry points")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--start", type=int, default=0, help="first case number (to resume a campaign)")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--chunk", type=int, default=1000)
    ap.add_argument("--hard-seconds", type=float, default=30.0, help="a case is stopped (a crash) after this")
    ap.add_argument("--slow-seconds", type=float, default=5.0, help="cases longer than this are counted")
    ap.add_argument("--mem-limit-mb", type=int, default=2048, help="RLIMIT_AS of each worker (0: none)")
    ap.add_argument("--crash-dir", default=str(CRASHES), help="where crashing cases are stored ('' : nowhere)")
    ap.add_argument("--keep", type=int, default=2, help="cases stored per crash signature")
    ap.add_argument("--deadline", type=float, default=0, help="stop submitting chunks after this many seconds")
    ap.add_argument("--json", help="write the summary here")
    args = ap.parse_args(argv)

    entries = [e for e in args.entries.split(",") if e]
    unknown = set(entries) - set(ENTRIES)
    if unknown:
        ap.error(f"unknown entries: {', '.join(sorted(unknown))} (known: {', '.join(ENTRIES)})")
    totals = {e: {"entry": e, "cases": 0, "answers": {}, "crashes": {}, "slow": 0, "max_seconds": 0.0,
                  "max_case": None, "seconds": 0.0, "lost_chunks": 0} for e in entries}
    # interleave the entries chunk by chunk, so a time-boxed campaign covers all of them evenly
    chunks = [(e, s, min(s + args.chunk, args.start + args.cases))
              for s in range(args.start, args.start + args.cases, args.chunk) for e in entries]
    began = time.monotonic()
    pending = list(chunks)
    while pending:
        with ProcessPoolExecutor(args.jobs, initializer=_limit_memory, initargs=(args.mem_limit_mb,)) as pool:
            futures = {}
            for chunk in pending:
                if args.deadline and time.monotonic() - began > args.deadline:
                    break
                entry, start, stop = chunk
                futures[pool.submit(run_chunk, entry, args.seed, start, stop, args.hard_seconds,
                                    args.slow_seconds, args.crash_dir or None, args.keep)] = chunk
            pending = []
            try:
                for fut in as_completed(futures):
                    chunk = futures[fut]
                    if args.deadline and time.monotonic() - began > args.deadline:
                        fut.cancel()
                    try:
                        part = fut.result()
                    except BrokenProcessPool:
                        totals[chunk[0]]["lost_chunks"] += 1
                        continue
                    except Exception:
                        continue  # cancelled
                    merge(totals[chunk[0]], part)
                    t = totals[chunk[0]]
                    print(f"[{time.monotonic() - began:7.0f}s] {chunk[0]:8} {t['cases']:>8} cases, "
                          f"{sum(c['count'] for c in t['crashes'].values())} crashes", flush=True)
                    if args.deadline and time.monotonic() - began > args.deadline:
                        for f in futures:
                            f.cancel()
            except BrokenProcessPool:
                pass
    elapsed = time.monotonic() - began
    print(f"\n{'entry':8} {'cases':>8} {'crashes':>8} {'>' + str(args.slow_seconds) + 's':>6} "
          f"{'slowest':>8} {'ms/case':>8} {'peak RSS':>9}  answers")
    for t in totals.values():
        crashes = sum(c["count"] for c in t["crashes"].values())
        per = 1000 * t["seconds"] / t["cases"] if t["cases"] else 0
        print(f"{t['entry']:8} {t['cases']:>8} {crashes:>8} {t['slow']:>6} {t['max_seconds']:>7.2f}s "
              f"{per:>8.2f} {t.get('maxrss_mb', 0):>7.0f}MB  {json.dumps(t['answers'], sort_keys=True)}")
        for sig, info in t["crashes"].items():
            print(f"    {info['count']:>6} x {sig} (first case {info['first']})")
        if t["lost_chunks"]:
            print(f"    {t['lost_chunks']} chunk(s) lost: a worker died")
    print(f"\nwall time {elapsed:.0f} s, {args.jobs} workers, RLIMIT_AS {args.mem_limit_mb} MB, seed {args.seed}")
    if args.json:
        Path(args.json).write_text(json.dumps({"args": vars(args), "elapsed": elapsed,
                                               "entries": totals}, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
