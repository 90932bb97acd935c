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


#: the kernel whose bundled data sits at the top of testdata/ (``testdata/<arch>/<module>/``,
#: ``testdata/kernels/<arch>/``); every later kernel has folders of its own
#: (``testdata/<kernel>/<arch>/<module>/``, ``testdata/kernels/<kernel>/<arch>/``)
TOP_LEVEL_KERNEL = "6.1"


def bundled_kernels() -> list[str]:
    """The kernels with bundled facts: the top-level one and each folder of testdata/kernels/
    that holds per-architecture folders."""
    later = sorted(p.parent.parent.name for p in (TESTDATA / "kernels").glob("*/*/config.xz"))
    return [TOP_LEVEL_KERNEL, *dict.fromkeys(later)]


def bundled_profile_name(kernel: str, arch: str) -> str:
    """The name :func:`pymodpost.kernel.profile.load_profile` knows ``kernel``'s facts for ``arch``
    by (``x86_64``, ``6.12/x86_64``); an :class:`InputError` for a kernel not bundled."""
    known = bundled_kernels()
    if kernel not in known:
        raise InputError(kernel, f"no bundled kernel of that name (bundled: {', '.join(known)})")
    return arch if kernel == TOP_LEVEL_KERNEL else f"{kernel}/{arch}"


def bundled_fixture(kernel: str, arch: str, module: str) -> Path:
    """kbuild's outputs for the bundled example ``module`` built against ``kernel`` for ``arch``."""
    name = bundled_profile_name(kernel, arch)
    return testdata_dir(*name.split("/"), module)
