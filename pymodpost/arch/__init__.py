"""Architectures: one :class:`~pymodpost.arch.target.Target` each, and their relocation handlers.

Every stage asks the target for what is arch-specific (:func:`for_machine`, :func:`by_name`).
The kernel's relocation handlers live in one module per architecture (:mod:`x86_64`,
:mod:`riscv64`): each provides ``HANDLERS`` (a :class:`~pymodpost.arch.common.RelocTable`), one
``r_*`` function per relocation type, ``apply_relocate_add`` (the kernel's driver) and
``module_frob_arch_sections``; a target hands out the right one for a kernel's table generation
(:meth:`Target.relocations`).
"""

from pymodpost.arch.target import TARGETS, Target, by_emulation, by_name, for_machine

__all__ = ["TARGETS", "Target", "by_emulation", "by_name", "for_machine"]
