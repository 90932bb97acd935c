"""Unit tests of relocation handlers against real kernels' ``apply_relocate_add``, without ELF files.

::

    from pymodpost import reloc

    k = reloc.kernel("riscv64", "6.1")
    r = k.apply("R_RISCV_CALL_PLT", S=0xffffffff80001000, A=0, P=0xffffffff01000000,
                data=bytes.fromhex("9700000067800000"))
    r.data, r.formula, r.truncated, r.entries
    try:
        k.apply("R_RISCV_SET6", S=0x10, A=0, P=0xffffffff01000000)
    except reloc.Refused as e:
        e.message, e.errno          # 'module: Unknown relocation type 53', 'EINVAL'

    text = (k.section(bytes.fromhex("1705000013050500"), base=0xffffffff01000000,
                      symbols={"counter": 0xffffffff01002000})
             .rela(0, "R_RISCV_PCREL_HI20", "counter")
             .rela(4, "R_RISCV_PCREL_LO12_I", 0xffffffff01000000)
             .apply().data)

The guide is docs/reloc.md; ``pymodpost.reloc.testing`` has assertion helpers and the pytest
plugin (loaded automatically once pymodpost is installed) a ``reloc_kernel`` fixture.  The names
below are imported on first use: pytest imports the plugin, and so this package, in every run.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__all__ = ["ARCHES", "Entry", "Kernel", "Refused", "Result", "Section", "SectionResult", "dialect_names",
           "kernel", "supported"]


def __getattr__(name: str) -> Any:
    if name not in __all__:
        raise AttributeError(f"module 'pymodpost.reloc' has no attribute {name!r}")
    from pymodpost.reloc import kit

    value = getattr(kit, name)
    globals()[name] = value
    return value


if TYPE_CHECKING:  # for type checkers and editors: the same names, imported eagerly
    from pymodpost.reloc.kit import (
        ARCHES,
        Entry,
        Kernel,
        Refused,
        Result,
        Section,
        SectionResult,
        dialect_names,
        kernel,
        supported,
    )

