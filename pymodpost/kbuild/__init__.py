"""kbuild's side of a module build: the pipeline as kbuild runs it for one external module
(``stages``: modpost's command line from Makefile.modpost, ``ld -r -T module.lds``, insmod),
staging a moved module's objects and ``.cmd`` files where modpost looks for them
(``stage_object``), and building a ``.mod.o`` with the real kbuild (``compile_with_kbuild``).
Names are imported on first use."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pymodpost.lazy_exports import lazy_exports

_HOMES = {"stage_object": "staging", "compile_with_kbuild": "compile", "KbuildError": "compile"}

__all__ = sorted(_HOMES)
__getattr__ = lazy_exports(__name__, _HOMES)

if TYPE_CHECKING:  # for type checkers and editors: the same names, imported eagerly
    from pymodpost.kbuild.compile import KbuildError, compile_with_kbuild
    from pymodpost.kbuild.staging import stage_object
