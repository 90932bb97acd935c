"""Where the bundled reference data lives: ``testdata/`` of the source checkout.

The bundled kernel profiles and the demo's example module are real kbuild outputs kept in
``testdata/`` (one copy, shared with the tests).  They are found next to the package, which is
the case for a source checkout and an editable install (``pip install -e .``, as README says).
"""

from __future__ import annotations

from pathlib import Path

from pymodpost.errors import InputError

TESTDATA = Path(__file__).resolve().parent.parent / "testdata"


def testdata_dir(*parts: str) -> Path:
    """``testdata/<parts...>``; an :class:`InputError` when the bundled data is not there."""
    path = TESTDATA.joinpath(*parts)
    if not path.exists():
        raise InputError(str(path), "bundled data not found (install pymodpost from a source "
                         "checkout: python3 -m pip install -e .)")
    return path
