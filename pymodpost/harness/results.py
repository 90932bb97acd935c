"""What the harness is asked to do and what it hands back: plain dataclasses, no behaviour.

Errno values are the generic Linux numbers, shared by x86_64 and riscv64, so the host names
them with Python's own :mod:`errno` table.
"""

from __future__ import annotations

import errno as errno_module
import os
from dataclasses import dataclass, field

from pymodpost.errors import PymodpostError


class HarnessError(PymodpostError):
    """The guest could not be booted or did not report completely.

    ``tail`` holds the last lines of the console, which usually say why (a panic, a missing
    root device, a hang); ``console`` the whole captured serial output; ``report`` what the
    guest did report before it stopped (a :class:`pymodpost.harness.protocol.GuestReport`:
    e.g. ``report.loads`` of the steps that finished), or None.
    """

    def __init__(self, message: str, *, tail: str = "", console: str = "", report=None):
        super().__init__(message)
        self.tail = tail
        self.console = console
        self.report = report


@dataclass(frozen=True, slots=True)
class LoadStep:
    """One module to load, in order, with its parameters (``"name=value"`` strings)."""

    path: str
    params: list[str] = field(default_factory=list)
    #: ``"finit"`` loads with finit_module(fd, ...), ``"init"`` with init_module(image, ...)
    syscall: str = "finit"
    #: finit_module flags (MODULE_INIT_IGNORE_MODVERSIONS = 1, ..._VERMAGIC = 2)
    flags: int = 0


@dataclass(frozen=True, slots=True)
class KernelMessage:
    """One record of the kernel log as /dev/kmsg presents it."""

    level: int
    facility: int
    seq: int
    usec: int
    text: str

    def __str__(self) -> str:
        # the layout dmesg and the console use
        return f"[{self.usec // 1_000_000:5d}.{self.usec % 1_000_000:06d}] {self.text}"


def errno_name(number: int) -> str:
    """``22`` -> ``"EINVAL"``; ``0`` -> ``""``; unknown numbers as ``"E<number>"``."""
    if number == 0:
        return ""
    return errno_module.errorcode.get(number, f"E{number}")


@dataclass(frozen=True, slots=True)
class SyscallOutcome:
    """Return value and errno of one system call made by the guest."""

    #: the system call's return value as libc would show it: 0, or -1 with errno set
    ret: int
    errno: int
    #: signal that killed the loading process (an oops in the module's init), else 0
    signal: int = 0

    @property
    def ok(self) -> bool:
        return self.ret == 0 and self.signal == 0

    @property
    def errno_name(self) -> str:
        return errno_name(self.errno)

    @property
    def strerror(self) -> str:
        """The C library's text for the errno ("" on success), e.g. "Invalid argument"."""
        return os.strerror(self.errno) if self.errno else ""


@dataclass(frozen=True, slots=True)
class KallsymsEntry:
    address: int
    type: str
    name: str
    module: str = ""


@dataclass(frozen=True, slots=True)
class StepResult:
    step: LoadStep
    load: SyscallOutcome
    #: kernel log records written while the module was being loaded
    messages: tuple[KernelMessage, ...] = ()
    #: the module's name as /proc/modules lists it (None when the load failed)
    module: str | None = None
    proc_modules: str | None = None
    #: /sys/module/<m>/sections/*: section name -> address
    sections: dict[str, int] = field(default_factory=dict)
    #: /sys/module/<m>/parameters/*: readable parameters -> value (trailing newline dropped)
    parameters: dict[str, str] = field(default_factory=dict)
    #: the other files of /sys/module/<m>/ (coresize, initsize, taint, refcnt, initstate, ...)
    attributes: dict[str, str] = field(default_factory=dict)
    #: files of those directories the guest could not read: name -> errno
    unreadable: dict[str, int] = field(default_factory=dict)
    #: the module's lines of /proc/kallsyms
    symbols: tuple[KallsymsEntry, ...] = ()
    #: delete_module outcome (None when not unloaded)
    unload: SyscallOutcome | None = None
    unload_messages: tuple[KernelMessage, ...] = ()

    @property
    def ok(self) -> bool:
        return self.load.ok

    @property
    def log(self) -> str:
        return "".join(f"{m}\n" for m in self.messages)


@dataclass(frozen=True, slots=True)
class BootResult:
    arch: str
    kernel: str
    cmdline: str
    kernel_release: str
    steps: tuple[StepResult, ...]
    #: the whole kernel log (the guest's syslog buffer at the end of the run)
    log: str
    #: everything that came out of the serial port, protocol lines included
    console: str
    #: /proc/kallsyms after the loads, when asked for
    kallsyms: str | None
    #: seconds from starting qemu to its exit
    duration: float
    #: what qemu booted: ``kernel`` itself, or (x86_64) its vmlinux entered through PVH
    boot_image: str = ""
