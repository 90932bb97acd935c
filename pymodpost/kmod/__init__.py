"""kmod 30's ``modinfo`` re-created: reading a module file as libkmod does (``file``), its
appended signature with our own DER decoder (``modsig``, ``der``), and name/alias look-up in a
modules directory (``modname``).

Library use::

    from pymodpost.kmod import modinfo_file, module_info
    module_info(open("hello.ko", "rb").read())   # [(b"license", b"GPL"), ...]
    modinfo_file("hello.ko").stdout              # what `modinfo hello.ko` prints

Names are imported on first use (see :mod:`pymodpost.lazy_exports`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pymodpost.lazy_exports import lazy_exports

_HOMES = {
    "modinfo_file": "modinfo", "module_info": "modinfo", "signature_info": "modsig",
    "SignatureInfo": "modsig", "ModuleDirectory": "modname", "KmodErrno": "file",
}

__all__ = sorted(_HOMES)
__getattr__ = lazy_exports(__name__, _HOMES)

if TYPE_CHECKING:  # for type checkers and editors: the same names, imported eagerly
    from pymodpost.kmod.file import KmodErrno
    from pymodpost.kmod.modinfo import modinfo_file, module_info
    from pymodpost.kmod.modname import ModuleDirectory
    from pymodpost.kmod.modsig import SignatureInfo, signature_info
