"""riscv64 relocations as Linux 7.3's ``apply_relocate_add`` applies them (checked against 7.3.4).

arch/riscv/kernel/module.c is 6.12's but for allocation helpers, so the handlers and the driver
are :mod:`pymodpost.arch.riscv64_v6_7`'s.  module-sections.c changed (present in 7.3.4, absent in
6.12.118): ``module_frob_arch_sections`` copies the GOT/PLT relocations of every executable
section into one scratch array, sorts it and counts identical (r_info, r_addend) entries once
across all sections, where 6.1-6.12 merge them only within a section; and the file's new
``#include <linux/sort.h>`` moves both BUG_ONs one line down (28, 54), which the oops names.
"""

from __future__ import annotations

from pymodpost.arch.riscv64 import RiscvEnv, frob_with
from pymodpost.arch.riscv64_sections import R_RISCV_CALL_PLT, R_RISCV_PLT32, EntryCounting
from pymodpost.arch.riscv64_v6_7 import (  # noqa: F401  (the handler table and driver: 6.7's)
    ACCUMULATED,
    DEFAULT_ENV,
    EM_RISCV,
    HANDLERS,
    HI20_PARTNER_TYPES,
    PCREL_LO12_TYPES,
    Hi20Partner,
    apply_relocate_add,
)

#: 7.3's module-sections.c: PLT32 and CALL_PLT reserve PLT entries; duplicates merged across sections
ENTRY_COUNTING = EntryCounting((R_RISCV_CALL_PLT, R_RISCV_PLT32), True, (28, 54))


def module_frob_arch_sections(module: str, shdrs, relas_of, *, module_sections: bool = True,
                              cmodel_medlow: bool = False) -> RiscvEnv:
    """Size the GOT/PLT placeholders as 7.3 counts them and return the handlers' env."""
    return frob_with(ENTRY_COUNTING, module, shdrs, relas_of, module_sections=module_sections,
                     cmodel_medlow=cmodel_medlow)
