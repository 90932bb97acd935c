"""Kernel-version differences the loader simulator models, in one place.

Only Linux 6.1 is modelled so far.  Debian's 6.1 carries a patch that makes a missing symbol
version fatal in ``check_version()`` (upstream only warns once and accepts); both kernels this
project boots are Debian-built 6.1, so that is the default.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Dialect:
    name: str
    #: check_version(): a symbol absent from __versions refuses the load (Debian) or only warns
    missing_version_fatal: bool
    #: riscv handler table: 6.1's ends at R_RISCV_RELAX (51)
    riscv_table: str = "6.1"


DIALECTS: dict[str, Dialect] = {
    "6.1-debian": Dialect("6.1-debian", missing_version_fatal=True),
    "6.1": Dialect("6.1", missing_version_fatal=False),
}

DEFAULT_DIALECT = DIALECTS["6.1-debian"]
