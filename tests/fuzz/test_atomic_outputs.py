"""Outputs appear whole or not at all: pymodpost-modpost and pymodpost-ld killed at random moments
(SIGKILL, so no clean-up code runs) or failing inside the write leave the previous file or the
complete new one -- never a truncated file.  And no writer in the package bypasses the atomic
helper (pymodpost.fileio.write_atomic)."""

from __future__ import annotations

import errno
import os
import random
import re
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT, TESTDATA, require

EXPORTS = TESTDATA / "x86_64" / "exports"
PREVIOUS = b"previous contents\n"
KILLS = 25


def _program(name: str) -> str:
    exe = shutil.which(name)
    require(exe is not None, f"console script {name} not installed (pip install -e .)")
    return exe


def _modpost_job(tmp_path: Path):
    from pymodpost.kbuild.staging import stage_object

    require((EXPORTS / "exports.o").is_file(), "exports fixture missing")
    # exports.o with the .mod and .cmd files -m reads, wherever kbuild's build directory is now
    stage_object(EXPORTS / "exports.o", tmp_path)
    argv = [_program("pymodpost-modpost"), "-m", "-w", "-e", "-o", "Module.symvers", "exports.o"]
    return argv, ["Module.symvers", "exports.mod.c"]


def _ld_job(tmp_path: Path):
    require((EXPORTS / "exports.mod.o").is_file(), "exports fixture missing")
    for name in ("exports.o", "exports.mod.o"):
        shutil.copyfile(EXPORTS / name, tmp_path / name)
    argv = [_program("pymodpost-ld"), "-r", "-m", "elf_x86_64", "--build-id=sha1",
            "-T", str(TESTDATA / "kernels" / "x86_64" / "module.lds"),
            "-o", "exports.ko", "exports.o", "exports.mod.o"]
    return argv, ["exports.ko"]


JOBS = {"modpost": _modpost_job, "ld": _ld_job}


def _finished_run(argv, outputs, cwd) -> tuple[dict[str, bytes], float]:
    began = time.monotonic()
    proc = subprocess.run(argv, cwd=cwd, capture_output=True, env={**os.environ, "PYMODPOST_JOBS": "1"})
    took = time.monotonic() - began
    assert proc.returncode == 0, proc.stderr
    return {name: (cwd / name).read_bytes() for name in outputs}, took


@pytest.mark.slow
@pytest.mark.parametrize("tool", sorted(JOBS))
def test_killed_mid_run_leaves_previous_or_complete_output(tool, tmp_path):
    argv, outputs = JOBS[tool](tmp_path)
    complete, took = _finished_run(argv, outputs, tmp_path)
    assert all(complete.values())
    assert PREVIOUS not in complete.values()
    rnd = random.Random(7)
    seen = {"previous": 0, "complete": 0}
    for _ in range(KILLS):
        for name in outputs:
            (tmp_path / name).write_bytes(PREVIOUS)
        proc = subprocess.Popen(argv, cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                env={**os.environ, "PYMODPOST_JOBS": "1"})
        # most of a run is start-up; the writes come at the end, so aim the kills there
        time.sleep(rnd.uniform(0.5, 1.05) * took)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        for name in outputs:
            now = (tmp_path / name).read_bytes()
            assert now in (PREVIOUS, complete[name]), f"{name}: partial output ({len(now)} bytes)"
            seen["previous" if now == PREVIOUS else "complete"] += 1
    # leftovers of a killed writer are hidden temporary files, never the output's name
    for leftover in tmp_path.glob(".*.tmp"):
        assert leftover.name.startswith(tuple(f".{n}." for n in outputs))
    assert sum(seen.values()) == KILLS * len(outputs)


# --- a write failing half-way (disk full) ------------------------------------------------------
def _failing_after(limit: int):
    """An os.write that stores ``limit`` bytes then fails as a full disk would."""
    real_write = os.write
    budget = {"left": limit}

    def write(fd, data):
        if budget["left"] <= 0:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        n = real_write(fd, bytes(data[:budget["left"]]))
        budget["left"] -= n
        return n

    return write


def test_modpost_disk_full_keeps_previous_output(tmp_path, monkeypatch, capsys):
    from pymodpost.cli.modpost import main

    argv, outputs = _modpost_job(tmp_path)
    monkeypatch.chdir(tmp_path)
    for name in outputs:
        (tmp_path / name).write_bytes(PREVIOUS)
    monkeypatch.setenv("PYMODPOST_JOBS", "1")
    monkeypatch.setattr(os, "write", _failing_after(40))
    status = main(argv[1:])
    err = capsys.readouterr().err
    assert status == 1 and "No space left on device" in err and "Traceback" not in err
    for name in outputs:
        assert (tmp_path / name).read_bytes() == PREVIOUS
    assert not list(tmp_path.glob(".*.tmp"))


def test_ld_disk_full_keeps_previous_output(tmp_path, monkeypatch, capsys):
    from pymodpost.cli.ld import main

    argv, outputs = _ld_job(tmp_path)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "exports.ko").write_bytes(PREVIOUS)
    monkeypatch.setattr(os, "write", _failing_after(100))
    status = main(argv[1:])
    err = capsys.readouterr().err
    assert status != 0 and "Traceback" not in err and err.count("\n") == 1, err
    assert (tmp_path / "exports.ko").read_bytes() == PREVIOUS
    assert not list(tmp_path.glob(".*.tmp"))


# --- no writer bypasses the atomic helpers ------------------------------------------------------
#: plain writes that are not outputs of ours, by file and count: the atomic helpers themselves;
#: the oracle's gdb script text (run inside gdb, it writes a scratch file read back) and its qemu
#: console capture into its temporary directory; the generator's and walkthrough's scratch
#: kbuild directories (inputs for a real kbuild run and its log, not results), and the object
#: lists and .cmd files the walkthrough stages in its work directory as modpost's inputs
ALLOWED = {"pymodpost/fileio.py": 1, "pymodpost/harness/oracle.py": 2,
           "pymodpost/modpost/gen_devtable_layouts.py": 2, "pymodpost/kbuild/compile.py": 3,
           "pymodpost/kbuild/staging.py": 4}
WRITE_PATTERNS = [
    re.compile(r"""\bopen\(.*,\s*["'](?:w|a|x|r\+|wb|ab|xb|w\+|wb\+)["']"""),
    re.compile(r"\.write_(?:text|bytes)\("),
    re.compile(r"os\.O_(?:WRONLY|RDWR)"),
    re.compile(r"""os\.fdopen\([^)]*["']w"""),
]


def test_every_output_goes_through_an_atomic_writer():
    found: dict[str, int] = {}
    for path in sorted((ROOT / "pymodpost").rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        for line in path.read_text().splitlines():
            if any(p.search(line) for p in WRITE_PATTERNS):
                found[rel] = found.get(rel, 0) + 1
    assert found == ALLOWED, found
