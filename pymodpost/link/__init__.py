"""Stage 2: ``ld -r [-T module.lds]`` re-created (see docs/design.md, "Linker").

Library use, without a subprocess::

    from pymodpost.link import link, load_script
    ko = link(["hello.o", "hello.mod.o"], load_script("arch/x86/module.lds"),
              emulation="elf_x86_64", build_id=True)      # -> bytes of the .ko

Inputs are paths or ``(name, bytes)`` pairs; errors are :class:`LinkError` with ld's wording.
"""

from __future__ import annotations

import os

from pymodpost.link.errors import LinkError
from pymodpost.link.script import LinkerScript, load_script, parse_script

__all__ = ["link", "load_script", "parse_script", "LinkError", "LinkerScript"]


def link(inputs, script: LinkerScript | None = None, *, emulation: str | None = None,
         build_id: bool = False, stack_note: str | None = None,
         force_group_allocation: bool = False) -> bytes:
    """Link relocatable objects into one, as ``ld -r`` with ``script`` (or ld's built-in
    relocatable script when None) would."""
    from pymodpost.fileio import read_bytes
    from pymodpost.link.linker import LinkOptions
    from pymodpost.link.linker import link as _link

    pairs = [(os.fspath(i), read_bytes(i)) if isinstance(i, (str, os.PathLike)) else i
             for i in inputs]
    return _link(pairs, LinkOptions(emulation=emulation, build_id=build_id, script=script,
                                    stack_note=stack_note,
                                    force_group_allocation=force_group_allocation)).data
