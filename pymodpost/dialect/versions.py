"""The supported kernels, each a :class:`~pymodpost.dialect.model.Dialect`.

Each kernel is written as the kernel before it with what changed replaced, so the differences
between versions read as a list.  Adding a kernel is adding an entry here (and teaching the
stages any new field it needs).
"""

from __future__ import annotations

from dataclasses import replace

from pymodpost.dialect.model import Dialect, LinkRules, LoaderRules, ModpostRules

#: Debian's 6.1.192 (linux-headers-6.1.0-56-amd64, linux-source-6.1): Debian carries a patch that
#: makes a missing symbol version fatal in check_version()
DEBIAN_6_1 = Dialect(
    name="6.1-debian",
    version=(6, 1),
    default_for_version=True,
    oracle="Debian 6.1.192 (linux-kbuild-6.1, linux-image-6.1.0-56-amd64, linux-source-6.1)",
    modpost=ModpostRules(optstring="ei:mnT:o:aWwENd:", list_from_stdin=True),
    link=LinkRules(extra_objects=()),
    loader=LoaderRules(missing_version_fatal=True, reloc_tables="6.1", memory_layout="core-init"),
)

#: upstream 6.1: check_version() warns once about a missing symbol version and accepts the module
UPSTREAM_6_1 = replace(
    DEBIAN_6_1,
    name="6.1",
    default_for_version=False,
    oracle="Linux 6.1 without Debian's patches (loader: missing symbol version accepted)",
    loader=replace(DEBIAN_6_1.loader, missing_version_fatal=False),
)

ALL: tuple[Dialect, ...] = (DEBIAN_6_1, UPSTREAM_6_1)
