"""Package ``__init__``s that export their entry points without importing them up front.

Importing any module of a package runs its ``__init__`` first; if that imported the package's
whole API, reading one ELF constant would load numpy and the reader, and a loader step module
would drag in the pipeline.  So each package names where its exports live, in a ``_HOMES``
table (name -> module inside the package, or a full ``pymodpost.`` name for a re-export from
shared ground), and :func:`lazy_exports` imports a name's home on first use (PEP 562).  ``tests/test_import_graph.py`` reads the ``_HOMES`` tables as imports.
"""

from __future__ import annotations

import importlib
import sys
from typing import Any, Callable


def home_module(package: str, home: str) -> str:
    return home if home.startswith("pymodpost.") else f"{package}.{home}"


def lazy_exports(package: str, homes: dict[str, str]) -> Callable[[str], Any]:
    """The module ``__getattr__`` for ``package`` exporting ``homes``' names."""

    def __getattr__(name: str) -> Any:
        home = homes.get(name)
        if home is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(home_module(package, home)), name)
        setattr(sys.modules[package], name, value)  # later look-ups bypass __getattr__
        return value

    return __getattr__
