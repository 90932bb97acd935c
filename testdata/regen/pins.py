#!/usr/bin/env python3
"""The Debian amd64 kernel packages the fixtures were built against, read from manifest.json.

Each kernel section of testdata/manifest.json (the top level for 6.1, ``"6.12"`` ...) whose
``x86_64`` entry names a ``kernel_abi`` pins two packages at the version recorded for its
headers: ``linux-headers-<abi>`` (the kbuild tree, which pulls in the real modpost) and
``linux-image-<abi>-unsigned`` (the kernel the qemu tier boots).

Also the one place that decides which installed amd64 tree a tool or test uses:
:func:`live_x86_tree` -- the pinned tree when installed, else (6.1 only) the newest installed
Debian 6.1 ABI (linux-headers-6.1.0-<n>-amd64), never another kernel series.

And the corpora that are fetched rather than installed (kernels/sources.txt, 7.3):
:func:`fetched_corpus` -- Debian's ``linux-modules-<release>`` and ``linux-headers-<release>``
of a kernel series, as fetch-debian-package.sh unpacks them.

Usage: pins.py                 print "package=version" per pinned package
       pins.py --missing       print the pinned packages that are not installed (exit 1 if any)
       pins.py --live KERNEL   print the amd64 headers tree to use for KERNEL (exit 1 if none)
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

MANIFEST = Path(__file__).resolve().parent.parent / "manifest.json"
SOURCES = Path(__file__).resolve().parent / "kernels" / "sources.txt"
FETCH = Path(__file__).resolve().parent / "fetch-debian-package.sh"
DEFAULT_KERNEL = "6.1"  # the top-level sections of the manifest


@dataclass(frozen=True, slots=True)
class Pin:
    kernel: str  # "6.1", "6.12"
    abi: str  # "6.1.0-56-amd64"
    version: str  # Debian version of the headers (and image) package

    @property
    def headers(self) -> str:
        return f"linux-headers-{self.abi}"

    @property
    def image(self) -> str:
        return f"linux-image-{self.abi}-unsigned"

    @property
    def tree(self) -> Path:
        return Path("/usr/src") / self.headers

    @property
    def packages(self) -> tuple[str, str]:
        return (self.headers, self.image)


def kernel_section(manifest: dict, kernel: str) -> dict:
    return manifest if kernel == DEFAULT_KERNEL else manifest.get(kernel, {})


def x86_pins(manifest: dict | None = None) -> list[Pin]:
    if manifest is None:
        manifest = json.loads(MANIFEST.read_text())
    kernels = [DEFAULT_KERNEL] + sorted(k for k in manifest if k[:1].isdigit())
    pins = []
    for kernel in kernels:
        entry = kernel_section(manifest, kernel).get("x86_64", {})
        abi = entry.get("kernel_abi")
        if not abi:
            continue
        version = entry.get("packages", {}).get(f"linux-headers-{abi}")
        if not version:
            sys.exit(f"{MANIFEST}: {kernel} x86_64 names kernel_abi {abi} but no version for "
                     f"linux-headers-{abi} in its packages")
        pins.append(Pin(kernel, abi, version))
    return pins


def pin_for(kernel: str, manifest: dict | None = None) -> Pin:
    for pin in x86_pins(manifest):
        if pin.kernel == kernel:
            return pin
    raise KeyError(f"{MANIFEST}: no x86_64 kernel_abi for kernel {kernel}")


def installed_version(package: str) -> str | None:
    proc = subprocess.run(["dpkg-query", "-W", "-f=${Status} ${Version}", package],
                          capture_output=True, text=True)
    status, _, version = proc.stdout.rpartition(" ")
    return version if proc.returncode == 0 and status == "install ok installed" else None


def missing(pin: Pin, package: str | None = None) -> str | None:
    """A one-line reason when ``package`` (default: the headers) of ``pin`` is not installed
    at the pinned version, else None."""
    package = package or pin.headers
    have = installed_version(package)
    if have is None:
        return f"package {package} is not installed (the {pin.kernel} fixtures' kernel, " \
               f"version {pin.version}; .ci/install-packages.sh installs it)"
    if have != pin.version:
        return f"package {package} is installed at version {have}, the {pin.kernel} " \
               f"fixtures were built with {pin.version}"
    return None


# Debian's plain amd64 flavour of the 6.1 series (not -rt-amd64, -cloud-amd64, nor 6.12's
# "6.12.118+deb12-amd64"): linux-headers-6.1.0-<abi number>-amd64.
DEBIAN_61 = re.compile(r"linux-headers-6\.1\.0-(\d+)-amd64")


def live_x86_tree(kernel: str = DEFAULT_KERNEL) -> Path | None:
    """The amd64 headers tree for ``kernel``: the pinned one when installed; for 6.1 without
    it, the newest installed 6.1 ABI; None when there is none."""
    pin = pin_for(kernel)
    if missing(pin) is None and pin.tree.is_dir():
        return pin.tree
    if kernel != DEFAULT_KERNEL:
        return None
    found = sorted((int(m.group(1)), path) for path in Path("/usr/src").glob("linux-headers-*")
                   if (m := DEBIAN_61.fullmatch(path.name)) and path.is_dir())
    return found[-1][1] if found else None


@dataclass(frozen=True, slots=True)
class FetchedPackage:
    name: str
    version: str
    sha256: str

    def unpacked(self, cache: Path) -> Path:
        """Where fetch-debian-package.sh unpacks it."""
        return cache / "sources" / f"{self.name}_{self.version}"

    def ready(self, cache: Path) -> bool:
        """Unpacked from the verified .deb (what fetch-debian-package.sh would reuse)."""
        stamp = self.unpacked(cache) / ".sha256"
        return stamp.is_file() and stamp.read_text().strip() == self.sha256


@dataclass(frozen=True, slots=True)
class FetchedCorpus:
    """A Debian kernel's modules and the headers holding their Module.symvers and .config."""

    kernel: str
    release: str  # "7.3.4+deb13-amd64"
    modules: FetchedPackage
    headers: FetchedPackage

    def modules_dir(self, cache: Path) -> Path:
        return self.modules.unpacked(cache) / "usr/lib/modules" / self.release / "kernel"

    def headers_dir(self, cache: Path) -> Path:
        return self.headers.unpacked(cache) / "usr/src" / f"linux-headers-{self.release}"

    def missing(self, cache: Path) -> str | None:
        """A one-line reason when the corpus is not unpacked in ``cache``, else None."""
        absent = [p.name for p in (self.modules, self.headers) if not p.ready(cache)]
        if not absent:
            return None
        return f"the {self.kernel} corpus is not fetched into {cache} (" + \
            "; ".join(f"{FETCH.relative_to(FETCH.parent.parent.parent)} {name}" for name in absent) + ")"


def cache_root() -> Path:
    """The cache of fetched packages and built kernels (PYMODPOST_CACHE, as the scripts read it)."""
    import os

    return Path(os.environ.get("PYMODPOST_CACHE") or Path.home() / ".cache" / "pymodpost")


def fetched_packages() -> dict[str, FetchedPackage]:
    found = {}
    for line in SOURCES.read_text().splitlines():
        fields = line.split()
        if fields and not fields[0].startswith("#"):
            found[fields[0]] = FetchedPackage(fields[0], fields[1], fields[3])
    return found


def fetched_corpus(kernel: str) -> FetchedCorpus | None:
    """The corpus of ``kernel`` that kernels/sources.txt pins: the one
    ``linux-modules-<kernel>.<n>...`` package and the headers package of the same release."""
    packages = fetched_packages()
    prefix = f"linux-modules-{kernel}."
    modules = [p for name, p in packages.items() if name.startswith(prefix)]
    if len(modules) != 1:
        return None
    release = modules[0].name.removeprefix("linux-modules-")
    headers = packages.get(f"linux-headers-{release}")
    if headers is None:
        sys.exit(f"{SOURCES}: {modules[0].name} is pinned without linux-headers-{release}")
    return FetchedCorpus(kernel, release, modules[0], headers)


def main() -> None:
    if sys.argv[1:2] == ["--live"] and len(sys.argv) == 3:
        if sys.argv[2] not in {pin.kernel for pin in x86_pins()}:
            sys.exit(f"pins.py: {MANIFEST} pins no Debian amd64 kernel {sys.argv[2]}")
        tree = live_x86_tree(sys.argv[2])
        if tree is None:
            sys.exit(f"pins.py: no amd64 headers tree for kernel {sys.argv[2]} "
                     f"({missing(pin_for(sys.argv[2]))})")
        print(tree)
        return
    pins = x86_pins()
    if sys.argv[1:] == ["--missing"]:
        reasons = [r for pin in pins for pkg in pin.packages if (r := missing(pin, pkg))]
        print("\n".join(reasons))
        sys.exit(1 if reasons else 0)
    if sys.argv[1:]:
        sys.exit(f"usage: {sys.argv[0]} [--missing | --live KERNEL]")
    for pin in pins:
        for package in pin.packages:
            print(f"{package}={pin.version}")


if __name__ == "__main__":
    main()
