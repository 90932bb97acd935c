"""``pymodpost explain``: what a modpost or kernel-log message means, where it comes from in a
module, and how to fix it -- a table of Linux 6.1's messages (``messages``), the matcher and its
locators (``explain``), and the facts about a module object they point at (``module_facts``).

Library use::

    from pymodpost.explain import ModuleFacts, explain_lines
    for e in explain_lines(open("build.log"), ModuleFacts("hello.ko")):
        print(e.meaning, e.here, e.fix)

Names are imported on first use (see :mod:`pymodpost.lazy_exports`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pymodpost.lazy_exports import lazy_exports

_HOMES = {"explain_lines": "explain", "explain_message": "explain", "match": "explain",
          "Explanation": "explain", "ModuleFacts": "module_facts"}

__all__ = sorted(_HOMES)
__getattr__ = lazy_exports(__name__, _HOMES)

if TYPE_CHECKING:  # for type checkers and editors: the same names, imported eagerly
    from pymodpost.explain.explain import Explanation, explain_lines, explain_message, match
    from pymodpost.explain.module_facts import ModuleFacts
