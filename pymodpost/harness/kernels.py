"""Which kernel image each architecture boots by default, and the per-arch qemu recipe.

* x86_64: Debian's own kernel, the one matching the installed ``linux-headers-*-amd64`` (the
  headers the x86_64 fixtures are built against), at ``/boot/vmlinuz-<release>``; for a series
  Debian does not ship (7.3), the bzImage ``testdata/regen/build-kernel.sh 7.3 x86_64`` builds
  into ``<cache>/x86_64-7.3/build``.
* riscv64: the small kernel of the dialect's version that ``testdata/regen/build-kernel.sh``
  builds into ``<cache>/riscv64-<version>/build`` (its ``stamp`` file is written last, so a
  tree without it is still being built and is not used).

``PYMODPOST_KERNEL_X86_64`` / ``PYMODPOST_KERNEL_RISCV64`` override the choice.
"""

from __future__ import annotations

import glob
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

from pymodpost.bundled import TESTDATA
from pymodpost.dialect import DEFAULT as DEFAULT_DIALECT
from pymodpost.dialect import Dialect, release_version
from pymodpost.harness.results import HarnessError

HEADERS_GLOB = "/usr/src/linux-headers-*-amd64"
BOOT_DIR = "/boot"
RISCV_BUILD_SCRIPT = "testdata/regen/build-riscv64-kernel.sh"


def cache_root() -> Path:
    return Path(os.environ.get("PYMODPOST_CACHE") or Path.home() / ".cache" / "pymodpost")


@dataclass(frozen=True, slots=True)
class QemuRecipe:
    """How to boot one architecture: the emulator, its machine options and compiler."""

    arch: str
    qemu: str
    machine_args: tuple[str, ...]
    #: kernel command line before the caller's extra options
    base_cmdline: str
    #: C compiler that builds the static guest init, and its target-specific options
    cc: str
    init_cflags: tuple[str, ...] = ()


RECIPES: dict[str, QemuRecipe] = {
    "x86_64": QemuRecipe(
        arch="x86_64",
        qemu="qemu-system-x86_64",
        # KVM is not usable here (it hangs); TCG is slower but always works.
        machine_args=("-accel", "tcg", "-m", "512M"),
        base_cmdline="console=ttyS0 panic=-1",
        cc="gcc" if os.uname().machine == "x86_64" else "x86_64-linux-gnu-gcc",
    ),
    "riscv64": QemuRecipe(
        arch="riscv64",
        qemu="qemu-system-riscv64",
        machine_args=("-machine", "virt", "-bios", "default", "-m", "256M"),
        base_cmdline="console=ttyS0 earlycon panic=-1",
        cc="gcc" if os.uname().machine == "riscv64" else "riscv64-linux-gnu-gcc",
        # integer-only: the kernel may be built without floating-point support
        init_cflags=("-march=rv64imac", "-mabi=lp64"),
    ),
}


def recipe(arch: str) -> QemuRecipe:
    try:
        return RECIPES[arch]
    except KeyError:
        raise HarnessError(f"unsupported architecture '{arch}' (supported: {', '.join(RECIPES)})") from None


def _version_key(release: str) -> tuple:
    return tuple(int(p) if p.isdigit() else p for p in re.split(r"[.-]", release))


def debian_amd64_release(dialect: Dialect = DEFAULT_DIALECT) -> str | None:
    """Release string (e.g. ``6.1.0-56-amd64``) of the installed amd64 headers of the dialect's
    kernel series that have a matching kernel image in /boot: the ABI the fixtures were built
    against when it is installed (Debian moves on, several ABIs may sit side by side), else the
    newest of the series."""
    releases = [Path(p).name.removeprefix("linux-headers-") for p in glob.glob(HEADERS_GLOB)]
    bootable = [r for r in releases if release_version(r) == dialect.version
                and os.path.exists(os.path.join(BOOT_DIR, f"vmlinuz-{r}"))]
    pinned = pinned_amd64_release(dialect)
    if pinned in bootable:
        return pinned
    return max(bootable, key=_version_key, default=None)


def pinned_amd64_release(dialect: Dialect = DEFAULT_DIALECT) -> str | None:
    """The amd64 kernel release (``6.1.0-56-amd64``) the committed x86_64 fixtures of the
    dialect's kernel were built against (the manifest's ``kernel_abi``: top level for 6.1, the
    ``"6.12"`` section ...), or None (7.3: no Debian kernel)."""
    try:
        manifest = json.loads((TESTDATA / "manifest.json").read_text())
    except (OSError, ValueError):
        return None
    section = manifest if dialect.version_text == "6.1" else manifest.get(dialect.version_text, {})
    return section.get("x86_64", {}).get("kernel_abi")


def riscv64_build_dir(dialect: Dialect = DEFAULT_DIALECT) -> Path:
    """The riscv64 kernel built for the dialect's version (``<cache>/riscv64-6.12/build``)."""
    return cache_root() / f"riscv64-{dialect.version_text}" / "build"


def x86_64_build_dir(dialect: Dialect = DEFAULT_DIALECT) -> Path:
    """The x86_64 kernel built for the dialect's version (``<cache>/x86_64-7.3/build``)."""
    return cache_root() / f"x86_64-{dialect.version_text}" / "build"


def default_kernel(arch: str, dialect: Dialect = DEFAULT_DIALECT) -> str:
    """Path of the kernel image ``arch`` boots when the caller names none: of the dialect's
    kernel version (the override variables name the default dialect's kernel only)."""
    recipe(arch)
    override = os.environ.get(f"PYMODPOST_KERNEL_{arch.upper()}")
    if override and dialect == DEFAULT_DIALECT:
        return override
    if arch == "x86_64":
        release = debian_amd64_release(dialect)
        if release is not None:
            return os.path.join(BOOT_DIR, f"vmlinuz-{release}")
        # a series Debian does not ship (7.3): the oracle kernel build-kernel.sh makes
        build = x86_64_build_dir(dialect)
        image = build / "arch" / "x86" / "boot" / "bzImage"
        if (build.parent / "stamp").exists() and image.exists():
            return str(image)
        pinned = pinned_amd64_release(dialect)
        if pinned:  # a Debian series: name the fixtures' own kernel packages
            raise HarnessError(
                f"no x86_64 {dialect.version_text} kernel: need {HEADERS_GLOB} with a matching "
                f"{BOOT_DIR}/vmlinuz-* (the fixtures': packages linux-headers-{pinned} and "
                f"linux-image-{pinned}-unsigned)")
        raise HarnessError(
            f"no x86_64 {dialect.version_text} kernel: {image} not built "
            f"(testdata/regen/build-kernel.sh {dialect.version_text} x86_64)")
    build = riscv64_build_dir(dialect)
    image = build / "arch" / "riscv" / "boot" / "Image"
    if not (build.parent / "stamp").exists() or not image.exists():
        raise HarnessError(f"no riscv64 kernel at {image}: run {RISCV_BUILD_SCRIPT} first")
    return str(image)
