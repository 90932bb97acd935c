"""Reading many objects on several cores, with output identical to reading them one by one.

modpost's read phase is mostly independent per object: parsing the ELF file, the symbol walk,
device tables, the section-mismatch scan, srcversion and CRCs.  Only a few steps touch shared
state -- adding an export (the "exported twice" check looks at everything added before),
setting a namespace (it finds the most recent export of the name), appending the module to the
module list -- and the diagnostics must come out in order.

So the object list is cut into contiguous segments, one per process.  The main process reads
the first segment itself, for real.  Each other segment goes to a forked child that runs the
unchanged read_symbols() of each object against a private, recording Modpost which writes down
those shared-state steps and the diagnostics as an ordered event list instead of performing
them; the child sends its lists back through a pipe when it is done, and the main process
replays them, segment by segment, in object order.  Replaying an export re-runs the duplicate
check against the real global table, so every message, and the state it leaves, is what the
sequential run gives.

Plain fork() and one pipe per child, not a multiprocessing pool: a pool's helper threads
unpickle results in the main process while it reads its own segment, and on 2 cores that
contention cost more than the pool saved.  A child that dies without a complete answer is not
trusted: its segment is read again in the main process.
"""

from __future__ import annotations

import os
import pickle
import signal

from pymodpost.modpost.core import Modpost, Stop
from pymodpost.modpost.diagnostics import ERROR, RAW, Diagnostic
from pymodpost.modpost.model import Module, Symbol


class RecordingModpost(Modpost):
    """read_symbols() in a worker: shared-state steps and diagnostics become events."""

    def __init__(self, opts, rules, cwd):
        super().__init__(opts, rules=rules, cwd=cwd, write=False, jobs=1)
        self.events: list[tuple] = []

    def log(self, level: str, kind: str, message: str) -> None:
        self.events.append(("diag", Diagnostic(level, kind, message)))

    def raw(self, kind: str, message: str) -> None:
        self.events.append(("diag", Diagnostic(RAW, kind, message)))

    def new_module(self, name: str) -> Module:
        mod = Module(name, is_vmlinux=(name == "vmlinux"))
        self.events.append(("module", mod))
        return mod

    def sym_add_exported(self, name: str, mod: Module, gpl_only: bool, namespace: str | None = None) -> Symbol:
        s = Symbol(name, module=mod, is_gpl_only=gpl_only, namespace=namespace or None)
        mod.exported_symbols.append(s)
        self.exports.add(s)  # private table: only this module's CRC lookups use it
        self.events.append(("export", s))
        return s

    def sym_update_namespace(self, name: str, namespace: str) -> None:
        self.events.append(("ns", name, namespace))


def _read_one(opts, rules, cwd, filename: str):
    rec = RecordingModpost(opts, rules, cwd)
    try:
        rec.read_symbols(filename)
    except Stop as stop:
        rec.events.append(("stop", stop.status))
    return rec.events, rec.sec_mismatch_count, rec.module_name_len


def replay(mp: Modpost, events: list[tuple], sec_mismatches: int, name_len: int) -> None:
    for event in events:
        what = event[0]
        if what == "diag":
            d = event[1]
            mp.diagnostics.append(d)
            if d.level == ERROR:
                mp.error_occurred = True
        elif what == "module":
            mp.modules.append(event[1])
            mp.module_name_len = name_len
        elif what == "export":
            mp.add_export(event[1])
        elif what == "ns":
            mp.sym_update_namespace(event[1], event[2])
        elif what == "stop":
            raise Stop(event[1])
    mp.sec_mismatch_count += sec_mismatches


#: the main process's segment against an even split.  Measured on the 4,023-module corpus, a
#: child reads an object ~15% slower than the main process (it pays for the copy-on-write of
#: the memory it was forked with and pickles its events), so the main process takes more
MAIN_SHARE = 1.1

#: fewer objects than this per process are not worth a fork
MIN_SEGMENT = 32


def segments(names: list[str], jobs: int) -> list[list[str]]:
    """Contiguous pieces of ``names``, the main process's first."""
    jobs = max(1, min(jobs, len(names)))
    own = min(len(names), max(1, int(len(names) * MAIN_SHARE / jobs))) if jobs > 1 else len(names)
    rest = names[own:]
    parts = [names[:own]]
    for k in range(jobs - 1):
        lo, hi = len(rest) * k // (jobs - 1), len(rest) * (k + 1) // (jobs - 1)
        if hi > lo:
            parts.append(rest[lo:hi])
    return parts


def _child(mp: Modpost, names: list[str], fd: int) -> None:
    """In a forked child: read ``names`` recording, send the results down ``fd``, exit."""
    status = 1
    try:
        # ^C reaches the whole process group: the main process cleans up and exits 130;
        # a child must not print a KeyboardInterrupt traceback of its own
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        results = []
        for name in names:
            events, count, name_len = _read_one(mp.opts, mp.rules, mp.cwd, name)
            results.append((events, count, name_len))
            if events and events[-1][0] == "stop":
                break  # the run ends there: nothing after it is ever replayed
        data = memoryview(pickle.dumps(results, protocol=pickle.HIGHEST_PROTOCOL))
        while data:
            data = data[os.write(fd, data):]
        status = 0
    finally:
        os._exit(status)


def _collect(pid: int, fd: int):
    """A child's results, or None when it did not finish its work."""
    chunks = []
    while True:
        chunk = os.read(fd, 1 << 20)
        if not chunk:
            break
        chunks.append(chunk)
    _, wstatus = os.waitpid(pid, 0)
    if os.waitstatus_to_exitcode(wstatus) != 0:
        return None
    try:
        return pickle.loads(b"".join(chunks))
    except Exception:
        return None


class ParallelRead:
    """Children reading the later segments of ``names`` from construction on; :meth:`finish`
    reads the first segment in the main process and replays the children's events."""

    def __init__(self, mp: Modpost, names: list[str], jobs: int):
        self.mp = mp
        self.parts = segments(names, min(jobs, max(1, len(names) // MIN_SEGMENT)))
        self.children: list[tuple[int, int, list[str]]] = []
        #: segments no child could be started for (fork or pipe failed): read in the main process
        self.unforked: list[list[str]] = []
        try:
            for k, part in enumerate(self.parts[1:], 1):
                try:
                    r, w = os.pipe()
                except OSError:
                    self.unforked = self.parts[k:]
                    break
                try:
                    pid = os.fork()
                except OSError:  # out of processes or memory: fewer helpers, same result
                    os.close(r)
                    os.close(w)
                    self.unforked = self.parts[k:]
                    break
                if pid == 0:
                    os.close(r)
                    _child(mp, part, w)  # never returns
                os.close(w)
                self.children.append((pid, r, part))
        except BaseException:
            self.abandon()
            raise

    def finish(self) -> None:
        mp = self.mp
        for name in self.parts[0]:
            mp.read_symbols(name)
        while self.children:
            pid, r, part = self.children[0]
            results = _collect(pid, r)  # reaps the child; interrupted, abandon() does
            os.close(r)
            self.children.pop(0)
            if results is None:  # the child failed: read its objects here
                for name in part:
                    mp.read_symbols(name)
                continue
            for events, count, name_len in results:
                replay(mp, events, count, name_len)
        for part in self.unforked:
            for name in part:
                mp.read_symbols(name)

    def abandon(self) -> None:
        """Stop the children still running (the run ended early: FATAL, ^C)."""
        for pid, r, _ in self.children:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            os.close(r)
            try:
                os.waitpid(pid, 0)
            except ChildProcessError:  # already reaped
                pass
        self.children.clear()

