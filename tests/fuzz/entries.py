"""The fuzzed entry points: how a case is made from a seed, and what a clean answer is.

Each entry has ``make(rng) -> Case`` (seed chosen and mutated with the shared engine) and
``check(case, workdir) -> str`` which runs the entry point on the case and returns the kind of
answer ("ok" or "refused: <error class>").  A check raises on anything else: an exception that is
not the entry point's typed error, a wrong status, or a case running past its time limit
(:func:`time_limit`).  The hypothesis tests (tests/fuzz/test_entry_points.py), the committed crash
regressions (tests/fuzz/test_crashes.py) and the campaign (bench/fuzz_campaign.py) all use these.
"""

from __future__ import annotations

import os
import random
import signal
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Callable

from pymodpost.arch.target import by_name
from pymodpost.errors import PymodpostError
from tests.conftest import TESTDATA
from tests.fuzz import mutators as M

# modpost reads a handful of objects: never start worker processes for them
os.environ.setdefault("PYMODPOST_JOBS", "1")


class CaseTimeout(Exception):
    """A case ran past its time limit (a hang, as far as the fuzzer is concerned)."""


@contextmanager
def time_limit(seconds: float):
    """Raise :class:`CaseTimeout` in the main thread when the body runs longer than ``seconds``."""

    def expired(signum, frame):
        raise CaseTimeout(f"case ran longer than {seconds} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@dataclass
class Case:
    entry: str
    #: file name (as the entry point sees it, relative to the work directory) -> contents
    files: dict[str, bytes]
    arch: str = "x86_64"
    #: where the case came from: seed path(s) and the mutators applied
    origin: list[str] = field(default_factory=list)
    #: command-line options for entry points that take them (modpost)
    options: list[str] = field(default_factory=list)


def _refused(e: PymodpostError, *, lines: int = 1) -> str:
    """The answer for a typed error; its message must be text of at most ``lines`` lines."""
    message = e.message
    assert isinstance(message, str) and message.strip(), repr(message)
    assert message.rstrip("\n").count("\n") < lines, repr(message)
    return f"refused: {type(e).__name__}"


def _arch_of(path: Path) -> str:
    return path.parent.parent.name


# --- ELF reader ------------------------------------------------------------------------------
def make_elf(rng: random.Random) -> Case:
    seed = rng.choice(M.seed_objects() + M.seed_modules())
    data, used = M.mutate_elf(rng, M.read_seed(seed))
    return Case("elf", {"broken.o": data}, _arch_of(seed), [str(seed.relative_to(TESTDATA)), *used])


def check_elf(case: Case, workdir: Path) -> str:
    from pymodpost.elf import ElfError
    from tests.elf.test_malformed import PATH, exercise

    try:
        exercise(case.files[PATH])
    except ElfError as e:
        assert e.message.startswith(f"{PATH}: "), e.message
        return _refused(e)
    return "ok"


# --- modpost ---------------------------------------------------------------------------------
MODPOST_OBJECT = "m.o"


def make_modpost(rng: random.Random) -> Case:
    obj = rng.choice(M.seed_objects())
    data = M.read_seed(obj)
    files = {}
    origin = [str(obj.relative_to(TESTDATA))]
    if rng.random() < 0.25:
        # a damaged Module.symvers given with -i, the object intact
        sv = rng.choice(M.seed_symvers() + (None,))
        text = M.read_seed(sv) if sv else M.kernel_symvers_head(_arch_of(obj))
        files["in.symvers"], used = M.mutate_symvers(rng, text)
        origin.append(str(sv.relative_to(TESTDATA)) if sv else "kernel Module.symvers head")
    else:
        data, used = M.mutate_elf(rng, data)
    files[MODPOST_OBJECT] = data
    # -w (unresolved symbols only warn) on most cases, so the status tells about the object
    options = ["-m", "-a"] + (["-w"] if rng.random() < 0.8 else []) + (["-E"] if rng.random() < 0.2 else [])
    return Case("modpost", files, _arch_of(obj), origin + used, options)


def check_modpost(case: Case, workdir: Path) -> str:
    from pymodpost.modpost import run

    for name, data in case.files.items():
        (workdir / name).write_bytes(data)
    (workdir / "m.mod").write_text(f"{MODPOST_OBJECT}\n")
    (workdir / ".m.o.cmd").write_text("\n")
    args = list(case.options)
    if "in.symvers" in case.files:
        args += ["-i", "in.symvers"]
    result = run([*args, "-o", "out.symvers", MODPOST_OBJECT], cwd=str(workdir), write=False)
    assert result.status in (0, 1), result.status
    # (some of modpost 6.1's messages lack their final newline; faithful, so not checked)
    assert all(d.text for d in result.diagnostics)
    fatal = [d for d in result.diagnostics if d.text.startswith(("FATAL:", "ERROR:"))]
    assert result.status == 1 or not fatal, result.stderr
    return "ok" if result.status == 0 else "refused: status 1"


# --- linker ----------------------------------------------------------------------------------
@cache
def _module_lds(arch: str):
    from pymodpost.link.script import load_script

    return load_script(str(TESTDATA / "kernels" / arch / "module.lds"))


def make_link(rng: random.Random) -> Case:
    obj, mod_o, arch = rng.choice(M.seed_link_pairs())
    files = {"m.o": M.read_seed(obj), "m.mod.o": M.read_seed(mod_o)}
    victim = rng.choice(("m.o", "m.o", "m.mod.o"))
    files[victim], used = M.mutate_elf(rng, files[victim])
    return Case("link", files, arch, [str(obj.relative_to(TESTDATA)), f"mutated {victim}", *used])




def link_case(case: Case):
    """Link a case's m.o and m.mod.o as kbuild does (module.lds, --build-id, that order)."""
    from pymodpost.link.linker import LinkOptions, link

    inputs = [("m.o", case.files["m.o"]), ("m.mod.o", case.files["m.mod.o"])]
    return link(inputs, LinkOptions(emulation=by_name(case.arch).emulation, build_id=True,
                                    script=_module_lds(case.arch)))


def check_link(case: Case, workdir: Path) -> str:
    try:
        result = link_case(case)
    except PymodpostError as e:
        # ld prints a warning before its error, location lines after it, and symbol names
        # from a damaged string table as they are (newlines included)
        return _refused(e, lines=1 << 20)
    assert isinstance(result.data, bytes) and result.data[:4] == b"\x7fELF"
    return "ok"


# --- loader ----------------------------------------------------------------------------------
@cache
def _profile(arch: str):
    from pymodpost.kernel.profile import load_profile

    return load_profile(arch)


def make_load(rng: random.Random) -> Case:
    ko = rng.choice(M.seed_modules())
    data, used = M.mutate_elf(rng, M.read_seed(ko))
    return Case("load", {"m.ko": data}, _arch_of(ko), [str(ko.relative_to(TESTDATA)), *used])


def check_load(case: Case, workdir: Path) -> str:
    from pymodpost.load.pipeline import LoadOptions, load_module
    from pymodpost.load.state import KernelState

    result = load_module(case.files["m.ko"], KernelState(_profile(case.arch)), LoadOptions(record=False))
    if result.ok:
        return "ok"
    assert isinstance(result.error, PymodpostError), result.error
    # the kernel's message may hold a module name read from the damaged file, newlines and all
    return _refused(result.error, lines=1 << 20)


# --- modinfo ---------------------------------------------------------------------------------
def make_modinfo(rng: random.Random) -> Case:
    ko = rng.choice(M.seed_modules())
    names = None
    if rng.random() < 0.4:
        names = ("modinfo_damage", "strings_without_nul", "section_extent", "truncate")
    data, used = M.mutate_elf(rng, M.read_seed(ko), names=names)
    return Case("modinfo", {"m.ko": data}, _arch_of(ko), [str(ko.relative_to(TESTDATA)), *used])


def check_modinfo(case: Case, workdir: Path) -> str:
    from pymodpost.kmod.modinfo import module_info, render

    try:
        entries = module_info(case.files["m.ko"])
    except PymodpostError as e:
        return _refused(e)
    for fld in (None, "description", "parm"):
        out = render(entries, fld)
        assert isinstance(out.stdout, bytes)
    return "ok"


#: entry name -> (make, check)
ENTRIES: dict[str, tuple[Callable[[random.Random], Case], Callable[[Case, Path], str]]] = {
    "elf": (make_elf, check_elf),
    "modpost": (make_modpost, check_modpost),
    "link": (make_link, check_link),
    "load": (make_load, check_load),
    "modinfo": (make_modinfo, check_modinfo),
}


def seed_cases(entry: str) -> list[Case]:
    """The unmutated seeds of an entry as cases (the engine's zero point)."""
    if entry == "link":
        return [Case("link", {"m.o": M.read_seed(o), "m.mod.o": M.read_seed(m)}, arch, [str(o)])
                for o, m, arch in M.seed_link_pairs()]
    name = {"elf": "broken.o", "modpost": MODPOST_OBJECT}.get(entry, "m.ko")
    seeds = M.seed_objects() if entry in ("elf", "modpost") else M.seed_modules()
    return [Case(entry, {name: M.read_seed(p)}, _arch_of(p), [str(p)], ["-m", "-a", "-w"] * (entry == "modpost"))
            for p in seeds]


#: open bugs found by fuzzing, not fixed yet: name -> (exception type, functions it is raised in).
#: A case failing this way is reported as an expected failure, not hidden as a pass.
KNOWN_OPEN: dict[str, tuple[tuple[type, ...], tuple[str, ...]]] = {
    # none at the moment; the link crashes the campaigns found are fixed (see docs/robustness.md)
}


def known_open_bug(exc: BaseException) -> str | None:
    tb = exc.__traceback__
    while tb is not None and tb.tb_next is not None:
        tb = tb.tb_next
    where = tb.tb_frame.f_code.co_name if tb is not None else ""
    for name, (kind, functions) in KNOWN_OPEN.items():
        if isinstance(exc, kind) and where in functions:
            return name
    return None


@contextmanager
def memory_limit(megabytes: int):
    """Lower RLIMIT_AS to what the process maps now plus ``megabytes`` for the body (a case
    asking for gigabytes gets a MemoryError instead of the machine's memory)."""
    import resource

    mapped = 0
    try:
        with open("/proc/self/status") as f:
            mapped = next(int(line.split()[1]) << 10 for line in f if line.startswith("VmSize:"))
    except (OSError, StopIteration, ValueError):
        pass
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = mapped + (megabytes << 20)
    if not mapped or (soft != resource.RLIM_INFINITY and soft <= limit):
        yield
        return
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def run_case(case: Case, workdir: Path, seconds: float = 10.0, megabytes: int = 1024) -> str:
    """Check one case within a time and memory limit; raises on anything but a clean answer."""
    check = ENTRIES[case.entry][1]
    with time_limit(seconds), memory_limit(megabytes):
        return check(case, workdir)


# --- cases on disk (crash regressions) ----------------------------------------------------------
CRASHES = TESTDATA / "fuzz" / "crashes"


def save_case(case: Case, directory: Path, problem: str) -> None:
    """Store a case as its files plus ``case.json`` (arch, origin, what went wrong)."""
    import json

    directory.mkdir(parents=True, exist_ok=True)
    for name, data in case.files.items():
        (directory / name).write_bytes(data)
    meta = {"entry": case.entry, "arch": case.arch, "files": list(case.files),
            "origin": case.origin, "options": case.options, "problem": problem}
    (directory / "case.json").write_text(json.dumps(meta, indent=1) + "\n")


def load_case(directory: Path) -> Case:
    import json

    meta = json.loads((directory / "case.json").read_text())
    files = {name: (directory / name).read_bytes() for name in meta["files"]}
    return Case(meta["entry"], files, meta["arch"], meta["origin"], meta.get("options", []))


def saved_cases() -> list[Path]:
    return sorted(p.parent for p in CRASHES.glob("*/*/case.json"))
