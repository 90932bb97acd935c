"""The guest side: the static /init built from testdata/harness/init.c, and the initramfs.

The init binary is compiled once per architecture, source and compiler, and cached under
``<cache>/harness/``; the initramfs is built in memory for each run.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import tempfile
from pathlib import Path

from pymodpost.bundled import TESTDATA
from pymodpost.fileio import read_bytes
from pymodpost.harness.cpio import CpioEntry, newc_archive
from pymodpost.harness.kernels import cache_root, recipe
from pymodpost.harness.protocol import COMMAND_PATH, command_file
from pymodpost.harness.results import HarnessError, LoadStep

INIT_SOURCE = TESTDATA / "harness" / "init.c"
#: the init uses no C library (see the comment at the top of init.c); the loop-pattern
#: option stops gcc from turning init.c's own memcpy/memset loops into calls to themselves
INIT_CFLAGS = ("-static", "-nostdlib", "-ffreestanding", "-fno-stack-protector",
               "-fno-asynchronous-unwind-tables", "-fno-tree-loop-distribute-patterns",
               "-fno-pie", "-no-pie", "-O2", "-Wall")
#: where the modules sit inside the guest
MODULE_DIR = "/harness"


def _compiler_identity(cc: str) -> bytes:
    try:
        out = subprocess.run([cc, "--version"], capture_output=True, check=True, timeout=60)
    except FileNotFoundError:
        raise HarnessError(f"{cc}: not installed (needed to build the guest init)") from None
    except (subprocess.SubprocessError, OSError) as e:
        raise HarnessError(f"{cc} --version failed: {e}") from None
    return out.stdout.split(b"\n", 1)[0]


def guest_init(arch: str) -> Path:
    """Path of the static init for ``arch``, compiling it if the cache lacks it."""
    cc = recipe(arch).cc
    source = read_bytes(INIT_SOURCE)
    flags = " ".join(INIT_CFLAGS + recipe(arch).init_cflags).encode()
    digest = hashlib.sha256(b"\0".join([source, cc.encode(), flags, _compiler_identity(cc)]))
    target = cache_root() / "harness" / f"init-{arch}-{digest.hexdigest()[:16]}"
    if target.exists():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    # compile beside the target and rename: concurrent runs never see a partial binary
    fd, tmp = tempfile.mkstemp(prefix=target.name + ".", dir=target.parent)
    os.close(fd)
    try:
        proc = subprocess.run([cc, *INIT_CFLAGS, *recipe(arch).init_cflags, "-o", tmp, str(INIT_SOURCE)],
                              capture_output=True, text=True, timeout=300)
        if proc.returncode != 0:
            first = (proc.stderr.strip().splitlines() or ["(no message)"])[0]
            raise HarnessError(f"{cc} could not build the guest init: {first}")
        os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return target


def initramfs(arch: str, steps: list[LoadStep], *, unload: bool, kallsyms: bool,
              symbols: bool = True) -> bytes:
    """The newc archive: /init, device nodes, the modules and the command file."""
    guest_paths = [f"{MODULE_DIR}/{i}.ko" for i in range(len(steps))]
    entries = [
        CpioEntry.file("init", read_bytes(guest_init(arch)), 0o755),
        CpioEntry.directory("dev"),
        # present even when the kernel has no devtmpfs: the kernel opens /dev/console
        # for PID 1 before init runs, and the init reads the log from /dev/kmsg
        CpioEntry.char_device("dev/console", 5, 1),
        CpioEntry.char_device("dev/kmsg", 1, 11, 0o644),
        CpioEntry.char_device("dev/null", 1, 3, 0o666),
        CpioEntry.directory("proc", 0o555),
        CpioEntry.directory("sys", 0o555),
        CpioEntry.directory(MODULE_DIR.lstrip("/")),
        CpioEntry.file(COMMAND_PATH.lstrip("/"),
                       command_file(steps, guest_paths, unload=unload, kallsyms=kallsyms,
                                    symbols=symbols)),
    ]
    for step, guest_path in zip(steps, guest_paths):
        entries.append(CpioEntry.file(guest_path.lstrip("/"), read_bytes(step.path)))
    return newc_archive(entries)


