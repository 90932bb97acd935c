"""Choosing a dialect: by name, from a kernel release string, a vermagic, a kernel tree or the
environment kbuild gives modpost.

kbuild exports ``VERSION`` and ``PATCHLEVEL`` to every command it runs (modpost included), and
every kernel build or headers tree has ``include/config/kernel.release``; a module's vermagic
starts with the release.  ``PYMODPOST_DIALECT`` overrides all of them.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from pymodpost.dialect.model import Dialect
from pymodpost.dialect.versions import ALL

#: the dialect used when nothing says which kernel is meant
DEFAULT = ALL[0]
ENV_VAR = "PYMODPOST_DIALECT"

DIALECTS: dict[str, Dialect] = {d.name: d for d in ALL}


class DialectError(Exception):
    """No supported dialect fits; the message says what was asked and what is supported."""


def supported_names() -> str:
    return ", ".join(DIALECTS)


def by_name(name: str | Dialect) -> Dialect:
    if isinstance(name, Dialect):
        return name
    try:
        return DIALECTS[name]
    except KeyError:
        raise DialectError(f"unknown kernel dialect '{name}' (supported: {supported_names()})") from None


def for_version(major: int, minor: int, what: str) -> Dialect:
    """The default dialect of kernel ``major.minor``; ``what`` says where the version came from."""
    matching = [d for d in ALL if d.version == (major, minor)]
    if not matching:
        versions = ", ".join(sorted({d.version_text for d in ALL}, key=lambda v: tuple(map(int, v.split(".")))))
        raise DialectError(f"{what}: Linux {major}.{minor} is not a supported kernel (supported: {versions}; "
                           f"choose one with --dialect or {ENV_VAR})")
    return next((d for d in matching if d.default_for_version), matching[0])


_RELEASE = re.compile(r"(\d+)\.(\d+)")


def release_version(release: str) -> tuple[int, int] | None:
    """(VERSION, PATCHLEVEL) of a release string such as ``6.1.0-56-amd64``, or None."""
    m = _RELEASE.match(release.strip())
    return (int(m.group(1)), int(m.group(2))) if m else None


def for_release(release: str, what: str = "kernel release") -> Dialect:
    """From a release string such as ``6.1.0-56-amd64`` or ``6.12.118+deb12-amd64``."""
    version = release_version(release)
    if version is None:
        raise DialectError(f"{what}: '{release}' is not a kernel release")
    return for_version(*version, what)


def for_vermagic(vermagic: str) -> Dialect:
    """From a module's vermagic (its first word is the kernel release)."""
    return for_release(vermagic.split(" ", 1)[0], "vermagic")


_MAKEFILE_VAR = re.compile(r"^(VERSION|PATCHLEVEL)\s*=\s*(\d+)\s*$", re.M)


def for_tree(tree: str | os.PathLike) -> Dialect | None:
    """From a kernel build or headers tree, or None when ``tree`` is not one."""
    tree = Path(tree)
    release_file = tree / "include" / "config" / "kernel.release"
    try:
        return for_release(release_file.read_text(errors="replace"), str(release_file))
    except OSError:
        pass
    makefile = tree / "Makefile"
    try:
        found = dict(_MAKEFILE_VAR.findall(makefile.read_text(errors="replace")))
    except OSError:
        return None
    if "VERSION" in found and "PATCHLEVEL" in found:
        return for_version(int(found["VERSION"]), int(found["PATCHLEVEL"]), str(makefile))
    return None


def from_environment(env: os._Environ | dict[str, str] | None = None, cwd: str | None = None) -> Dialect:
    """What a drop-in run by kbuild should speak: ``PYMODPOST_DIALECT``, else kbuild's exported
    ``VERSION``/``PATCHLEVEL``, else the tree in ``cwd``, else :data:`DEFAULT`."""
    env = os.environ if env is None else env
    if env.get(ENV_VAR):
        return by_name(env[ENV_VAR])
    version, patchlevel = env.get("VERSION", ""), env.get("PATCHLEVEL", "")
    if version.isdigit() and patchlevel.isdigit():
        return for_version(int(version), int(patchlevel), "kbuild's VERSION/PATCHLEVEL")
    found = for_tree(cwd or os.getcwd())
    return found or DEFAULT
