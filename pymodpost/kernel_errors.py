"""The kernel's way of refusing a module: log lines plus a negative errno.

The loader simulator and the architecture relocation handlers raise :class:`KernelError` with the
text the real kernel writes to its log (without the trailing newline) and the errno that
``init_module``/``finit_module`` would hand back to insmod.  The first log line is the one-line
message shown to a person; any further lines (the x86 overflow report prints two) travel in
:attr:`KernelError.log`.
"""

from __future__ import annotations

from pymodpost.errors import PymodpostError

#: errno numbers of Linux (asm-generic/errno-base.h, errno.h) used by the module loader
ERRNO: dict[str, int] = {
    "EPERM": 1,
    "ENOENT": 2,
    "ENOEXEC": 8,
    "EFAULT": 14,
    "ENOMEM": 12,
    "EBUSY": 16,
    "EEXIST": 17,
    "EINVAL": 22,
    "ENODATA": 61,
    "ENOPKG": 65,
    "EBADMSG": 74,
    "ENOKEY": 126,
    "EKEYREJECTED": 129,
}

#: what kmod's insmod prints for each errno (libkmod mod_strerror, then strerror)
INSMOD_TEXT: dict[str, str] = {
    "ENOEXEC": "Invalid module format",
    "ENOENT": "Unknown symbol in module",
    "ESRCH": "Unknown symbol in module",
    "EINVAL": "Invalid parameters",
    "EEXIST": "File exists",
    "EPERM": "Operation not permitted",
    "ENOMEM": "Cannot allocate memory",
    "EBUSY": "Device or resource busy",
    "EFAULT": "Bad address",
    "EKEYREJECTED": "Key was rejected by service",
}


class KernelError(PymodpostError):
    """The simulated kernel refused the module, or would have crashed (:attr:`crash`, errno None)."""

    def __init__(self, log: str | tuple[str, ...] | list[str], errno: str | None, *, crash: bool = False,
                 logged: bool = False):
        lines = (log,) if isinstance(log, str) else tuple(log)
        super().__init__(lines[0] if lines else str(errno))
        self.log: tuple[str, ...] = lines
        self.errno = errno
        self.crash = crash
        #: the lines are already in the simulated kernel log (printed by the failing check itself)
        self.logged = logged

    @property
    def errno_number(self) -> int:
        """0 when the kernel would not return at all (:attr:`crash`)."""
        return ERRNO[self.errno] if self.errno else 0

    @property
    def err(self) -> int:
        """The value load_module returns, e.g. -8 for ENOEXEC."""
        return -self.errno_number

    def insmod_line(self, path: str) -> str:
        if self.errno is None:
            return f"insmod: killed while inserting {path}: the kernel oopsed"
        reason = INSMOD_TEXT.get(self.errno, self.errno)
        return f"insmod: ERROR: could not insert module {path}: {reason}"


def format_pointer(addr: int) -> str:
    """``%p`` as a kernel booted with ``no_hash_pointers`` prints it (hashing cannot be mirrored)."""
    return f"{addr & 0xFFFFFFFFFFFFFFFF:016x}"
