"""Running qemu with a deadline and collecting its serial output.

qemu's serial port goes to its stdout, read here as it arrives.  The guest powers off after
its ``DONE`` record; should qemu linger after that (or never get there), it is killed -- the
whole process group, so nothing is left running -- and the caller learns what happened from
:class:`QemuRun`.
"""

from __future__ import annotations

import os
import selectors
import signal
import subprocess
import time
from dataclasses import dataclass

from pymodpost.harness.protocol import RECORD_PREFIX, RECORD_SUFFIX

DONE_MARKER = f"{RECORD_PREFIX}DONE{RECORD_SUFFIX}".encode()
#: how long qemu may take to power off once the guest has finished
EXIT_GRACE = 10.0


@dataclass(frozen=True, slots=True)
class QemuRun:
    console: bytes
    stderr: bytes
    #: qemu's exit status, or None when it had to be killed
    returncode: int | None
    timed_out: bool
    duration: float


def _kill_group(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    proc.wait()


def run_qemu(argv: list[str], timeout: float, grace: float = EXIT_GRACE) -> QemuRun:
    """Run ``argv`` until it exits, the guest reports DONE (plus ``grace`` seconds to power
    off), or ``timeout`` seconds pass."""
    start = time.monotonic()
    deadline = start + timeout
    proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, start_new_session=True)
    out_chunks: list[bytes] = []
    err_chunks: list[bytes] = []
    selector = selectors.DefaultSelector()
    for stream in (proc.stdout, proc.stderr):
        os.set_blocking(stream.fileno(), False)
        selector.register(stream, selectors.EVENT_READ)
    timed_out = False
    saw_done = False
    tail = b""
    try:
        while selector.get_map():
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                timed_out = not saw_done
                break
            for key, _ in selector.select(timeout=min(remaining, 1.0)):
                try:
                    data = os.read(key.fd, 65536)
                except BlockingIOError:
                    continue
                if not data:
                    selector.unregister(key.fileobj)
                    continue
                if key.fileobj is proc.stderr:
                    err_chunks.append(data)
                    continue
                out_chunks.append(data)
                if not saw_done:
                    # the marker may straddle two reads
                    window = tail + data
                    if DONE_MARKER in window:
                        saw_done = True
                        deadline = min(deadline, time.monotonic() + grace)
                    tail = window[-len(DONE_MARKER):]
        if selector.get_map():
            _kill_group(proc)
            returncode = None
        else:
            try:
                returncode = proc.wait(timeout=max(0.0, deadline - time.monotonic()) + 1.0)
            except subprocess.TimeoutExpired:
                _kill_group(proc)
                returncode = None
    finally:
        selector.close()
        if proc.poll() is None:
            _kill_group(proc)
        proc.stdout.close()
        proc.stderr.close()
    return QemuRun(
        console=b"".join(out_chunks),
        stderr=b"".join(err_chunks),
        returncode=returncode,
        timed_out=timed_out,
        duration=time.monotonic() - start,
    )
