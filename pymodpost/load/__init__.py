"""Stage 3: Linux 6.1's ``load_module()`` as named steps, up to ``module_finalize``.

Library use::

    from pymodpost.kernel import load_profile
    from pymodpost.load import KernelState, LoadOptions, load_file
    state = KernelState(load_profile("x86_64"))       # loaded modules and taints persist
    result = load_file("hello.ko", state, LoadOptions())
    result.ok, result.error, result.sections, result.log

``load_module(data, state, options, path)`` does the same for bytes in memory.  A refusal is
``result.error``: a :class:`~pymodpost.errors.KernelError` with the kernel's log lines
and errno.  Names are imported on first use (see :mod:`pymodpost.lazy_exports`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pymodpost.lazy_exports import lazy_exports

_HOMES = {
    "load_module": "pipeline", "load_file": "pipeline", "LoadOptions": "pipeline",
    "KernelState": "state", "LoadResult": "result",
}

__all__ = sorted(_HOMES)
__getattr__ = lazy_exports(__name__, _HOMES)

if TYPE_CHECKING:  # for type checkers and editors: the same names, imported eagerly
    from pymodpost.load.pipeline import LoadOptions, load_file, load_module
    from pymodpost.load.result import LoadResult
    from pymodpost.load.state import KernelState
