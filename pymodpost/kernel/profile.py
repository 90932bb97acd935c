"""A kernel profile: everything about one target kernel that decides how a module loads.

``load_profile(spec)`` accepts a bundled profile name (a folder of ``testdata/kernels/``, e.g.
``x86_64`` for Debian's 6.1 amd64 kernel, ``riscv64`` for the fixture kernel, ``6.12/x86_64`` and
``7.3/riscv64`` for the later kernels) or a directory laid out like a kernel build or headers tree:

* ``.config`` (or ``config``; ``.xz`` accepted) -- the config facts;
* ``Module.symvers`` (``.xz`` accepted) -- exported symbols, CRCs, GPL-only flags, namespaces;
* ``include/generated/utsrelease.h`` (or ``utsrelease.h``) -- the release vermagic starts with,
  which on Debian differs from ``uname -r``'s package version;
* ``kallsyms`` or ``System.map`` (``.xz`` accepted) -- symbol addresses; Debian's stub
  System.map has none, a ``/proc/kallsyms`` capture of the booted kernel does.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from pymodpost.bundled import TESTDATA
from pymodpost.errors import InputError
from pymodpost.arch.target import Target
from pymodpost.arch.target import by_name as target_by_name
from pymodpost.dialect import Dialect, DialectError
from pymodpost.dialect import by_name as dialect_by_name
from pymodpost.dialect import for_release as dialect_for_release
from pymodpost.kernel.config import KernelConfig
from pymodpost.kernel.kallsyms import parse_symbol_map, read_text_maybe_xz
from pymodpost.kernel.symvers import SymversEntry, SymversParseError, parse_symvers

BUNDLED_DIR = TESTDATA / "kernels"


@dataclass(frozen=True, slots=True)
class Export:
    """One exported symbol as find_symbol() sees it."""

    name: str
    addr: int | None  #: None when the profile has no address for it
    crc: int | None  #: None when the exporter has no CRCs (MODVERSIONS off)
    gpl_only: bool
    namespace: str
    owner: str  #: "vmlinux" or the module's name


@dataclass(slots=True)
class KernelProfile:
    name: str
    arch: Target
    dialect: Dialect
    release: str
    config: KernelConfig
    exports: dict[str, Export]
    #: every vmlinux symbol with a known address (kallsyms/System.map), exported or not
    addresses: dict[str, int] = field(default_factory=dict, repr=False)
    vermagic_override: str | None = None
    source: str = ""

    @property
    def vermagic(self) -> str:
        if self.vermagic_override is not None:
            return self.vermagic_override
        return f"{self.release} {self.config.vermagic_flags(self.arch.vermagic_suffix)}"

    @property
    def module_layout_crc(self) -> int | None:
        exp = self.exports.get("module_layout")
        return exp.crc if exp else None


def _first_existing(root: Path, names: tuple[str, ...]) -> Path | None:
    for name in names:
        for candidate in (root / name, root / (name + ".xz")):
            if candidate.is_file():
                return candidate
    return None


_UTS_RE = re.compile(rb'#define\s+UTS_RELEASE\s+"([^"]*)"')


def _guess_arch(config: dict[str, str]) -> str:
    if config.get("X86_64") == "y":
        return "x86_64"
    if config.get("RISCV") == "y" and config.get("64BIT") == "y":
        return "riscv64"
    raise KeyError("architecture")


def load_profile_dir(root: str | os.PathLike, name: str | None = None, dialect: str | Dialect | None = None) -> KernelProfile:
    root = Path(root)
    if not root.is_dir():
        raise InputError(str(root), "not a kernel profile directory")
    cfg_path = _first_existing(root, (".config", "config"))
    if cfg_path is None:
        raise InputError(str(root), "no .config")
    cfg_text = read_text_maybe_xz(cfg_path).decode("utf-8", "surrogateescape")
    randstruct = ""
    rs = _first_existing(root, ("include/generated/randstruct_hash.h",))
    if rs is not None:
        m = re.search(rb'RANDSTRUCT_HASHED_SEED\s+"([0-9a-f]+)"', read_text_maybe_xz(rs))
        randstruct = m.group(1).decode() if m else ""
    config = KernelConfig.from_dotconfig(cfg_text, randstruct)
    try:
        arch = target_by_name(_guess_arch(config.values))
    except KeyError:
        raise InputError(str(cfg_path), "neither an x86_64 nor a riscv64 64-bit configuration") from None
    uts = _first_existing(root, ("include/generated/utsrelease.h", "utsrelease.h"))
    if uts is None:
        raise InputError(str(root), "no include/generated/utsrelease.h")
    m = _UTS_RE.search(read_text_maybe_xz(uts))
    if not m:
        raise InputError(str(uts), "no UTS_RELEASE definition")
    release = m.group(1).decode()
    symvers_path = _first_existing(root, ("Module.symvers",))
    if symvers_path is None:
        raise InputError(str(root), "no Module.symvers")
    try:
        entries = parse_symvers(read_text_maybe_xz(symvers_path), str(symvers_path))
    except SymversParseError as e:
        raise InputError(str(symvers_path), f"line {e.line_number}: not a Module.symvers line") from None
    rows = [e for e in entries if isinstance(e, SymversEntry) and e.module == "vmlinux"]
    addresses: dict[str, int] = {}
    for map_name in ("kallsyms", "System.map"):
        map_path = _first_existing(root, (map_name,))
        if map_path is not None:
            addresses = parse_symbol_map(read_text_maybe_xz(map_path), str(map_path))
            if addresses:
                break
    exports = {
        e.symbol: Export(e.symbol, addresses.get(e.symbol), e.crc if config.modversions else None, e.gpl_only,
                         e.namespace, e.module)
        for e in rows
    }
    vermagic_file = root / "vermagic"
    override = vermagic_file.read_text().rstrip("\n") if vermagic_file.is_file() else None
    try:
        # the kernel's own release decides, unless the caller names a dialect
        dialect = dialect_by_name(dialect) if dialect else dialect_for_release(release, f"{uts}: release")
    except DialectError as e:
        raise InputError(str(root), str(e)) from None
    return KernelProfile(
        name=name or root.name,
        arch=arch,
        dialect=dialect,
        release=release,
        config=config,
        exports=exports,
        addresses=addresses,
        vermagic_override=override,
        source=str(root),
    )


def _is_profile_dir(path: Path) -> bool:
    return _first_existing(path, (".config", "config")) is not None


def bundled_profiles() -> list[str]:
    """The bundled kernels: ``x86_64``, ``riscv64`` (6.1) and ``<kernel>/<arch>`` for the later
    ones (``6.12/x86_64``), each a folder of ``testdata/kernels/`` holding a config."""
    if not BUNDLED_DIR.is_dir():
        return []
    found = [p for p in BUNDLED_DIR.iterdir() if p.is_dir()]
    found += [q for p in found if not _is_profile_dir(p) for q in p.iterdir() if q.is_dir()]
    return sorted(p.relative_to(BUNDLED_DIR).as_posix() for p in found if _is_profile_dir(p))


def load_profile(spec: str, dialect: str | Dialect | None = None) -> KernelProfile:
    """A bundled profile by name (``x86_64``, ``6.12/riscv64``), or a kernel build/headers directory."""
    if spec in bundled_profiles():
        return load_profile_dir(BUNDLED_DIR / spec, name=spec, dialect=dialect)
    if os.path.isdir(spec):
        return load_profile_dir(spec, dialect=dialect)
    known = ", ".join(bundled_profiles()) or "none bundled"
    raise InputError(spec, f"no such kernel profile (bundled: {known}; or give a kernel build directory)")
