"""The process runner's deadlines, on real processes standing in for qemu."""

from __future__ import annotations

import time
from pathlib import Path

from pymodpost.harness.qemu import run_qemu


def gone(pid: int, within: float = 5.0) -> bool:
    """Has ``pid`` died (reaped, or a zombie waiting for its new parent) within ``within`` s?
    SIGKILL is delivered asynchronously, so give the process a moment."""
    stat = Path(f"/proc/{pid}/stat")
    deadline = time.monotonic() + within
    while True:
        try:
            if stat.read_text().rsplit(")", 1)[1].split()[0] == "Z":
                return True
        except FileNotFoundError:
            return True
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)


def test_normal_exit_keeps_both_streams_and_the_status():
    run = run_qemu(["sh", "-c", "echo out; echo err >&2; exit 3"], timeout=30)
    assert (run.console, run.stderr, run.returncode, run.timed_out) == (b"out\n", b"err\n", 3, False)


def test_a_hang_is_stopped_at_the_deadline_with_its_children(tmp_path):
    pidfile = tmp_path / "pid"
    start = time.monotonic()
    run = run_qemu(["sh", "-c", f"sleep 60 & echo $! > {pidfile}; echo booting; wait"], timeout=3.0)
    assert time.monotonic() - start < 15
    assert run.timed_out and run.returncode is None
    assert run.console == b"booting\n"
    assert gone(int(pidfile.read_text()))


def test_lingering_after_done_is_cut_short_and_is_no_timeout():
    # the marker arrives in two pieces, as it may from a serial port
    script = "printf '@@PYMODPOST DO'; sleep 0.3; printf 'NE@@\\r\\n'; sleep 60"
    start = time.monotonic()
    run = run_qemu(["sh", "-c", script], timeout=50, grace=0.5)
    assert time.monotonic() - start < 15
    assert not run.timed_out and run.returncode is None
    assert run.console == b"@@PYMODPOST DONE@@\r\n"
