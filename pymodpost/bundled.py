"""Where the bundled reference data lives: ``testdata/`` of the source checkout.

The bundled kernel profiles and the demo's example module are real kbuild outputs kept in
``testdata/`` (one copy, shared with the tests).  A source checkout or an editable install
(``pip install -e .``, as README says) finds all of it; a wheel carries the part the demo, the
walkthrough and the loader need (pyproject.toml lists it) under ``pymodpost/data/testdata``.
"""

from __future__ import annotations

from pathlib import Path

from pymodpost.errors import InputError

# a wheel carries the part of testdata/ that runs outside a checkout under pymodpost/data/; in a
# checkout that path is a link to testdata/ itself
_PACKAGED = Path(__file__).resolve().parent / "data" / "testdata"
TESTDATA = _PACKAGED.resolve() if _PACKAGED.is_dir() else Path(__file__).resolve().parent.parent / "testdata"


def testdata_dir(*parts: str) -> Path:
    """``testdata/<parts...>``; an :class:`InputError` when the bundled data is not there."""
    path = TESTDATA.joinpath(*parts)
    if not path.exists():
        raise InputError(str(path), "not part of the bundled data of this installation (a wheel "
                         "carries only the demo's; install from a source checkout: "
                         "python3 -m pip install -e .)")
    return path
