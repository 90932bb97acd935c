"""Facts about a target kernel: its profile (release, config, vermagic, exported symbols with
addresses), ``Module.symvers``, ``System.map``/kallsyms.  (The loader's refusals are
:class:`pymodpost.errors.KernelError`.)

Library use::

    from pymodpost.kernel import load_profile
    profile = load_profile("x86_64")          # a bundled profile, or a kernel tree / headers dir
    profile.release, profile.vermagic, profile.exports["printk"]

Names are imported on first use (see :mod:`pymodpost.lazy_exports`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pymodpost.lazy_exports import lazy_exports

_HOMES = {
    "load_profile": "profile", "load_profile_dir": "profile", "KernelProfile": "profile",
    "Export": "profile",
}

__all__ = sorted(_HOMES)
__getattr__ = lazy_exports(__name__, _HOMES)

if TYPE_CHECKING:  # for type checkers and editors: the same names, imported eagerly
    from pymodpost.kernel.profile import Export, KernelProfile, load_profile, load_profile_dir
