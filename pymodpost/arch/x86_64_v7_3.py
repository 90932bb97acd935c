"""x86_64 relocations as Linux 7.3's ``__write_relocate_add`` (arch/x86/kernel/module.c) applies them.

The handlers behave as 6.12's (:mod:`pymodpost.arch.x86_64_v6_12`: 32/32S range-checked before
the field, the field checked before writing); only the two refusals are worded anew and name the
relocation section and the entry's index in it::

    x86/modules: Invalid relocation target, existing value is nonzero for sec %u, idx %u, type %d, loc %lx, val %llx
    overflow in relocation type %d val %llx sec %u idx %d

``loc`` is printed with ``%lx``, the plain address (no ``%p`` hashing, no padding).  The
"likely not compiled with -mcmodel=kernel" line is unchanged.
"""

from __future__ import annotations

from pymodpost.arch.common import U64
from pymodpost.arch.x86_64 import (  # noqa: F401  (the env, frob and bulk path are 6.1's: part of the API)
    DEFAULT_ENV,
    PR_FMT,
    X86Env,
    apply_relocate_add_bulk,
    make_driver,
    module_frob_arch_sections,
)
from pymodpost.arch.x86_64_v6_12 import build_table
from pymodpost.errors import KernelError


def nonzero_target(rtype: int, P: int, val: int, env: X86Env) -> KernelError:
    return KernelError(
        f"{PR_FMT}x86/modules: Invalid relocation target, existing value is nonzero for sec {env.relsec}, "
        f"idx {env.index}, type {rtype}, loc {P & U64:x}, val {val & U64:x}",
        "ENOEXEC",
    )


def overflow(rtype: int, val: int, env: X86Env) -> KernelError:
    return KernelError(
        (
            f"{PR_FMT}overflow in relocation type {rtype} val {val & U64:x} sec {env.relsec} idx {env.index}",
            f"{PR_FMT}`{env.module}' likely not compiled with -mcmodel=kernel",
        ),
        "ENOEXEC",
    )


HANDLERS = build_table(nonzero_target, overflow)

apply_relocate_add = make_driver(HANDLERS)
