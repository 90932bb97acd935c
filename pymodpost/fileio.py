"""File input and output with the guarantees every stage relies on.

* reading: a missing or unreadable file becomes an :class:`InputError` naming it;
* writing: outputs appear atomically (temporary file in the same directory, then rename), so an
  interrupted or failing run leaves the previous file or none, never a truncated one.
"""

from __future__ import annotations

import itertools
import os

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


_tmp_serial = itertools.count()


def write_atomic(path: str | os.PathLike, data: bytes | str) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the whole new one.

    The temporary file sits in the same directory (so the rename is atomic) and is created with
    mode 0666 minus the umask, as ``fopen()`` would create the output.  Kept to four system
    calls: modpost writes one file per module, thousands per run.
    """
    path = os.fspath(path)
    if isinstance(data, str):
        data = data.encode()
    directory, base = os.path.split(path)
    tmp = os.path.join(directory, f".{base}.{os.getpid()}.{next(_tmp_serial)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_CLOEXEC, 0o666)
    try:
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
        finally:
            os.close(fd)
        os.rename(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
