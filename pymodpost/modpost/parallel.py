"""Reading many objects on several cores, with output identical to reading them one by one.

modpost's read phase is mostly independent per object: parsing the ELF file, the symbol walk,
device tables, the section-mismatch scan, srcversion and CRCs.  Only a few steps touch shared
state -- adding an export (the "exported twice" check looks at everything added before),
setting a namespace (it finds the most recent export of the name), appending the module to the
module list -- and the diagnostics must come out in order.

So each worker process runs the unchanged read_symbols() of one object against a private,
recording Modpost that writes down those shared-state steps and the diagnostics as an ordered
event list instead of performing them; the main process replays the event lists in the order
of the objects.  Replaying an export re-runs the duplicate check against the real global table,
so every message, and the state it leaves, is what the sequential run gives.
"""

from __future__ import annotations

import multiprocessing

from pymodpost.modpost.core import Modpost, Stop
from pymodpost.modpost.diagnostics import ERROR, FATAL, RAW, Diagnostic
from pymodpost.modpost.model import Module, Symbol

_WORKER: dict = {}


class RecordingModpost(Modpost):
    """read_symbols() in a worker: shared-state steps and diagnostics become events."""

    def __init__(self, opts, cwd):
        super().__init__(opts, cwd=cwd, write=False, jobs=1)
        self.events: list[tuple] = []

    def log(self, level: str, kind: str, message: str) -> None:
        self.events.append(("diag", Diagnostic(level, kind, message)))
        if level == FATAL:
            raise Stop(1)

    def raw(self, kind: str, message: str) -> None:
        self.events.append(("diag", Diagnostic(RAW, kind, message)))

    def new_module(self, name: str) -> Module:
        mod = Module(name, is_vmlinux=(name == "vmlinux"))
        self.events.append(("module", mod))
        return mod

    def sym_add_exported(self, name: str, mod: Module, gpl_only: bool) -> Symbol:
        s = Symbol(name, module=mod, is_gpl_only=gpl_only)
        mod.exported_symbols.append(s)
        self.exports.add(s)  # private table: only this module's CRC lookups use it
        self.events.append(("export", s))
        return s

    def sym_update_namespace(self, name: str, namespace: str) -> None:
        self.events.append(("ns", name, namespace))


def _init(opts, cwd) -> None:
    _WORKER["opts"] = opts
    _WORKER["cwd"] = cwd


def _read_one(filename: str):
    rec = RecordingModpost(_WORKER["opts"], _WORKER["cwd"])
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
            elif d.level == FATAL:
                raise Stop(1)
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


def read_in_parallel(mp: Modpost, names: list[str], jobs: int) -> None:
    ctx = multiprocessing.get_context("fork")
    chunk = max(1, min(64, len(names) // (jobs * 8) or 1))
    with ctx.Pool(jobs, initializer=_init, initargs=(mp.opts, mp.cwd)) as pool:
        try:
            for events, count, name_len in pool.imap(_read_one, names, chunksize=chunk):
                replay(mp, events, count, name_len)
        finally:
            pool.terminate()
