"""File input and output with the guarantees every stage relies on.

* reading: a missing or unreadable file becomes an :class:`InputError` naming it;
* writing: outputs appear atomically (temporary file in the same directory, then rename), so an
  interrupted or failing run leaves the previous file or none, never a truncated one.
"""

from __future__ import annotations

import os
import tempfile

from pymodpost.errors import InputError


def read_bytes(path: str | os.PathLike) -> bytes:
    try:
        with open(path, "rb") as f:
            return f.read()
    except FileNotFoundError:
        raise InputError(os.fspath(path), "No such file or directory") from None
    except IsADirectoryError:
        raise InputError(os.fspath(path), "Is a directory") from None
    except PermissionError:
        raise InputError(os.fspath(path), "Permission denied") from None
    except OSError as e:
        raise InputError(os.fspath(path), e.strerror or str(e)) from None


def write_atomic(path: str | os.PathLike, data: bytes | str, mode: int | None = None) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the whole new one."""
    path = os.fspath(path)
    if isinstance(data, str):
        data = data.encode()
    directory = os.path.dirname(path) or "."
    fd, tmp = tempfile.mkstemp(prefix="." + os.path.basename(path) + ".", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        if mode is None:
            # mkstemp creates 0600; give the file the permissions a plain open() would.
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
