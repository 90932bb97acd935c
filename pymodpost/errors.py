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
