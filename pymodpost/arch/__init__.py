"""One module per architecture: relocation handlers in a table keyed by ``R_*`` number.

:func:`arch_for_machine` picks the module for an ELF ``e_machine`` value; each provides
``HANDLERS`` (a :class:`~pymodpost.arch.common.RelocTable`), one ``r_*`` function per relocation
type and ``apply_relocate_add`` (the kernel's per-architecture driver).
"""

from __future__ import annotations

from types import ModuleType

ARCH_MODULES = {62: "x86_64", 243: "riscv64"}


def arch_for_machine(machine: int) -> ModuleType | None:
    import importlib

    name = ARCH_MODULES.get(machine)
    return importlib.import_module(f"pymodpost.arch.{name}") if name else None


def arch_by_name(name: str) -> ModuleType:
    import importlib

    if name not in ARCH_MODULES.values():
        raise KeyError(name)
    return importlib.import_module(f"pymodpost.arch.{name}")
