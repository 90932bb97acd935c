"""pytest plugin for relocation-handler tests, registered through the ``pytest11`` entry point: it
is active in every pytest run once pymodpost is installed, with nothing in the user's conftest.

Fixture ``reloc_kernel``: ``reloc_kernel("riscv64", "6.1", **options)`` -> a
:class:`pymodpost.reloc.Kernel`.  The assertions are :mod:`pymodpost.reloc.testing`'s.
Importing this module costs only pytest: the kit is imported when the fixture is first used.
"""

from __future__ import annotations

import pytest


@pytest.fixture
def reloc_kernel():
    """A factory of kernels: ``reloc_kernel(arch, dialect, **options)`` as :func:`pymodpost.reloc.kernel`."""
    from pymodpost.reloc import kernel

    return kernel
