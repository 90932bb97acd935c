"""Errors shared by every stage.

Each stage raises a subclass of :class:`PymodpostError` carrying the exact one-line message
of the tool it mirrors (modpost, ld, the kernel).  Only the command-line edge turns them into
text on stderr and an exit status, so library callers get structured exceptions.
"""

from __future__ import annotations


class PymodpostError(Exception):
    """A failure that is reported to a person as one line, never as a traceback."""

    #: exit status the command-line front end uses for this error
    exit_status: int = 1

    def __init__(self, message: str, *, exit_status: int | None = None):
        super().__init__(message)
        self.message = message
        if exit_status is not None:
            self.exit_status = exit_status

    def __str__(self) -> str:
        return self.message


class InputError(PymodpostError):
    """A file given to us is missing, unreadable or not what it should be."""

    def __init__(self, path: str, problem: str, **kw):
        super().__init__(f"{path}: {problem}", **kw)
        self.path = path
        self.problem = problem


class UsageError(PymodpostError):
    """Bad options or arguments on the command line."""

    exit_status = 2


# --- the kernel's way of refusing a module -----------------------------------------------
#
# The loader simulator and the architecture relocation handlers raise KernelError with the text
# the real kernel writes to its log (without the trailing newline) and the errno that
# init_module/finit_module would hand back to insmod.  The first log line is the one-line message
# shown to a person; any further lines (the x86 overflow report prints two) travel in
# KernelError.log.

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
