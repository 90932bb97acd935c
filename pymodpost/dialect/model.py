"""What a kernel version decides, stage by stage: the records every Dialect is made of.

A :class:`Dialect` names one supported kernel (the pinned oracle the project checks against) and
holds every way that kernel's modpost, module link and loader differ from the others, as named
fields.  Each stage receives only its own part (:class:`ModpostRules`, :class:`LinkRules`,
:class:`LoaderRules`) and reads a field; no code outside ``pymodpost/dialect/`` compares kernel
versions.  The values per kernel are in :mod:`pymodpost.dialect.versions`.

This package is a leaf: it imports nothing from the stages, so every stage may import it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ModpostRules:
    """``scripts/mod/modpost`` and the ``scripts/Makefile.modpost`` that calls it."""

    #: getopt(3) option string of modpost's main() (6.1: no -M/-t/-u; 7.3 adds -x/-b)
    optstring: str
    #: ``-T -`` reads the object list from standard input (removed in 6.12: always fopen())
    list_from_stdin: bool


@dataclass(frozen=True, slots=True)
class LinkRules:
    """``scripts/Makefile.modfinal``: what the final ``ld -r -T module.lds`` of a ``.ko`` links."""

    #: objects after ``<mod>.o <mod>.mod.o``: 6.12 adds the shared ``.module-common.o``
    #: (vermagic, build salt and ORC header compiled once for all modules)
    extra_objects: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class LoaderRules:
    """``kernel/module/`` and the architectures' ``apply_relocate_add``."""

    #: check_version(): a symbol absent from __versions refuses the load (Debian's patch) or
    #: upstream's "Broken toolchain" warn-once-and-accept
    missing_version_fatal: bool
    #: which generation of the architectures' relocation handler tables the kernel carries
    #: (a key of :attr:`pymodpost.arch.target.Target.reloc_tables`): riscv64's table was
    #: reworked in 6.7 (16-bit instruction halves, accumulated ADD/SUB/SET/ULEB128)
    reloc_tables: str
    #: module memory model: "core-init" (6.1: core/init layouts, strict_align boundaries) or
    #: "mem-regions" (6.4+: one allocation per mem[MOD_MEM_NUM_TYPES] type)
    memory_layout: str


@dataclass(frozen=True, slots=True)
class Dialect:
    """One supported kernel: its name, the releases it stands for, and every stage's rules."""

    name: str  #: "6.1-debian", "6.1", ...: what --dialect and PYMODPOST_DIALECT take
    #: (VERSION, PATCHLEVEL) of the kernels this dialect is chosen for when detected
    version: tuple[int, int]
    #: chosen for its version when detection cannot tell variants apart
    default_for_version: bool
    #: the exact tree the dialect was checked against (the oracle), for messages and docs
    oracle: str
    modpost: ModpostRules
    link: LinkRules
    loader: LoaderRules

    @property
    def version_text(self) -> str:
        return f"{self.version[0]}.{self.version[1]}"
