"""``pymodpost explain``: what a modpost / kernel-log message means, where it comes from in a given
module, and how to fix it.

Messages are matched against :data:`pymodpost.explain.messages.ENTRIES`.  With a module file
the matching entry's locator reads that file (and the kernel profile, for CRCs and vermagic) to
point at the symbol, section or relocation involved.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from pymodpost.arch.target import by_name as target_by_name
from pymodpost.dialect import DIALECTS
from pymodpost.elf import constants as C
from pymodpost.errors import PymodpostError
from pymodpost.explain.messages import ENTRIES, RISCV_32_PCREL, RISCV_32_PCREL_FIX, Entry
from pymodpost.explain.module_facts import ModuleFacts

#: what a kernel log or build log puts in front of a message: "<4>", "[   12.345678] ",
#: "insmod: ERROR: could not insert module x.ko: " -- removed before matching and display
_LOG_PREFIX = re.compile(r"^(?:<\d+>)?(?:\[\s*\d+\.\d+\]\s*)?")
#: lines of a log that look like a diagnostic even when no entry knows them
_DIAGNOSTIC_HINT = re.compile(r"(?:^|\s)modpost: |^ERROR|^WARNING|^FATAL|Unknown|Invalid|disagrees|version magic")


@dataclass
class Explanation:
    message: str
    entry: Entry | None
    groups: dict[str, str] = field(default_factory=dict)
    here: list[str] = field(default_factory=list)  #: pointers into the given module
    #: the dialects (kernels) whose tools print the message in these words; empty when every
    #: modelled kernel does
    kernels: tuple[str, ...] = ()

    @property
    def kernel_versions(self) -> list[str]:
        """The kernel versions ("6.1", "6.12", ...) that word the message so, oldest first."""
        versions = {DIALECTS[name].version for name in self.kernels}
        return [f"{major}.{minor}" for major, minor in sorted(versions)]

    @property
    def known(self) -> bool:
        return self.entry is not None

    def _fill(self, text: str) -> str:
        values = dict(self.groups)
        values.setdefault("type_name", "")
        values.setdefault("type_fix", "")
        return text.format_map(_Missing(values))

    @property
    def meaning(self) -> str:
        return self._fill(self.entry.meaning) if self.entry else ""

    @property
    def fix(self) -> str:
        return self._fill(self.entry.fix) if self.entry else ""

    def as_dict(self) -> dict:
        return {"message": self.message, "known": self.known,
                "key": self.entry.key if self.entry else None,
                "title": self.entry.title if self.entry else None,
                "details": self.groups, "kernels": list(self.kernels),
                "meaning": self.meaning, "in_module": self.here,
                "fix": self.fix}


class _Missing(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def clean(line: str) -> str:
    return _LOG_PREFIX.sub("", line.rstrip("\r\n")).strip()


def match(message: str) -> tuple[Entry, dict[str, str], tuple[str, ...]] | None:
    """The entry a message is, its fields, and the dialects that word it so (empty: any)."""
    for entry in ENTRIES:
        kernels: list[str] = []
        groups = None
        for wording in entry.wordings:
            m = wording.pattern.search(message)
            if m:
                groups = groups or {k: v for k, v in m.groupdict().items() if v is not None}
                if not wording.kernels:
                    kernels = []
                    break
                kernels += [k for k in wording.kernels if k not in kernels]
        if groups is not None:
            if groups.get("level") == "FATAL":
                # only a modpost whose fatal() says FATAL (6.1; 6.12 made it error() + exit)
                kernels = [k for k in (kernels or DIALECTS) if DIALECTS[k].modpost.fatal_level == "FATAL"]
            return entry, groups, tuple(kernels)
    return None


def explain_message(message: str, module: ModuleFacts | None = None,
                    kernel: str | None = None) -> Explanation:
    message = clean(message)
    found = match(message)
    if found is None:
        return Explanation(message, None)
    entry, groups, kernels = found
    exp = Explanation(message, entry, groups, kernels=kernels)
    _add_type_names(exp, module)
    if module is not None and entry.locator:
        try:
            exp.here = LOCATORS[entry.locator](exp.groups, module, kernel)
        except PymodpostError as err:  # e.g. the module is not an ELF object at all
            exp.here = [f"cannot inspect it: {err}"]
    return exp


def explain_lines(lines: Iterable[str], module: ModuleFacts | None = None,
                  kernel: str | None = None, from_log: bool = False) -> list[Explanation]:
    """Each message line explained.  From a log, lines that are not diagnostics are skipped."""
    out = []
    for line in lines:
        text = clean(line)
        if not text:
            continue
        exp = explain_message(text, module, kernel)
        if exp.known or not from_log or _DIAGNOSTIC_HINT.search(text):
            out.append(exp)
    return out


def _add_type_names(exp: Explanation, module: ModuleFacts | None) -> None:
    if "type" not in exp.groups:
        return
    rtype = int(exp.groups["type"])
    # riscv's apply_relocate_add words an unknown type this way, x86's the others
    arch = "riscv64" if exp.entry.key == "unknown-relocation" else "x86_64"
    if module is not None and module.arch is not None:
        arch = module.arch
    exp.groups["type_name"] = C.reloc_type_name(target_by_name(arch).machine, rtype)
    if exp.entry.key == "unknown-relocation":
        exp.groups["type_fix"] = (RISCV_32_PCREL_FIX if rtype == RISCV_32_PCREL else
                                  "Rebuild the module with the kernel's own compiler flags (kbuild); "
                                  "a newer kernel may handle this type.")


# --- locators: what the module file says about the message ------------------------------------

def _sites(lines: list[str], sites, what: str, limit: int = 8) -> None:
    for site in sites[:limit]:
        lines.append(f"{what} at {site.describe()}")
    if len(sites) > limit:
        lines.append(f"... and {len(sites) - limit} more references")


def locate_uses(groups: dict[str, str], mod: ModuleFacts, kernel: str | None) -> list[str]:
    symbol = groups["symbol"]
    sym = mod.symbol(symbol)
    lines = []
    if sym is not None and sym.shndx == C.SHN_UNDEF:
        lines.append(f"{symbol} is an undefined symbol of {mod.path} (symbol #{sym.index})")
    elif sym is not None:
        lines.append(f"{symbol} is defined in {mod.path}, section {mod.section_name(sym.shndx)}")
    _sites(lines, mod.references(symbol), f"{symbol} is referenced")
    if not lines:
        lines.append(f"{mod.path} has no symbol {symbol} and no relocation naming it")
    profile = _profile(mod, kernel)
    if profile is not None:
        export = profile.exports.get(symbol)
        row = _symvers_row(mod, kernel, symbol)
        if export is not None:
            where = f"{symbol} is exported by {export.owner}"
        elif row is not None:
            where = f"{symbol} is exported by the module {row.module} (Module.symvers), not by vmlinux"
        else:
            where = f"{symbol} is exported by neither vmlinux nor its modules (Module.symvers)"
        export = export or row
        if export is not None and export.gpl_only:
            where += " (GPL-only)"
        if export is not None and export.namespace:
            where += f" in namespace {export.namespace}"
        lines.append(f"kernel profile {profile.name}: {where}")
    depends = mod.modinfo_values("depends")
    if depends:
        lines.append(f".modinfo depends={depends[0]!r}")
    return lines


def _symvers_row(mod: ModuleFacts, kernel: str | None, symbol: str):
    """The kernel's Module.symvers row for ``symbol`` (it lists the in-tree modules' exports too)."""
    from pymodpost.kernel.symvers import SymversEntry, parse_symvers
    from pymodpost.kernel.kallsyms import read_text_maybe_xz
    from pymodpost.kbuild.stages import kernel_files

    path = kernel_files(kernel or mod.arch).symvers
    for entry in parse_symvers(read_text_maybe_xz(path), str(path)):
        if isinstance(entry, SymversEntry) and entry.symbol == symbol:
            return entry
    return None


def locate_gpl(groups: dict[str, str], mod: ModuleFacts, kernel: str | None) -> list[str]:
    licences = mod.modinfo_values("license")
    lines = [f"MODULE_LICENSE is {', '.join(repr(v) for v in licences) or 'missing'}"]
    _sites(lines, mod.references(groups["symbol"]), f"{groups['symbol']} is used")
    return lines


def locate_license(groups: dict[str, str], mod: ModuleFacts, kernel: str | None) -> list[str]:
    keys = [k for k, _ in mod.modinfo]
    return [f".modinfo has {len(keys)} entries ({', '.join(dict.fromkeys(keys)) or 'none'}), "
            "none of them license="]


def locate_namespace(groups: dict[str, str], mod: ModuleFacts, kernel: str | None) -> list[str]:
    imports = mod.modinfo_values("import_ns")
    lines = [f"the module imports: {', '.join(imports) if imports else 'no namespace'}"]
    _sites(lines, mod.references(groups["symbol"]), f"{groups['symbol']} is used")
    return lines


def locate_mismatch(groups: dict[str, str], mod: ModuleFacts, kernel: str | None) -> list[str]:
    sites = [s for s in mod.references(groups["tosym"], groups["fromsec"])
             if s.function in (groups.get("fromsym"), None)]
    lines = []
    _sites(lines, sites, f"{groups['tosym']} ({groups['tosec']}) is referenced")
    target = mod.symbol(groups["tosym"])
    if target is not None and target.shndx != C.SHN_UNDEF:
        lines.append(f"{groups['tosym']} is defined in {mod.section_name(target.shndx)} "
                     f"at {target.value:#x}")
    return lines or [f"no relocation in {groups['fromsec']} names {groups['tosym']} in {mod.path}"]


def locate_export(groups: dict[str, str], mod: ModuleFacts, kernel: str | None) -> list[str]:
    sym = mod.symbol(groups["symbol"])
    lines = []
    if sym is not None:
        lines.append(f"{groups['symbol']} is defined in {mod.section_name(sym.shndx)} at {sym.value:#x}")
    ksym = mod.symbol(f"__ksymtab_{groups['symbol']}")
    if ksym is not None:
        lines.append(f"exported through __ksymtab_{groups['symbol']} in {mod.section_name(ksym.shndx)}")
    return lines


def locate_crc(groups: dict[str, str], mod: ModuleFacts, kernel: str | None) -> list[str]:
    symbol = groups["symbol"]
    versions = mod.versions
    lines = []
    if not versions:
        lines.append(f"{mod.path} has no __versions section")
    elif symbol in versions:
        lines.append(f"__versions records {symbol} with CRC {versions[symbol]:#010x}")
    else:
        lines.append(f"__versions has {len(versions)} entries, none for {symbol}")
    profile = _profile(mod, kernel)
    if profile is not None:
        crc = profile.module_layout_crc if symbol == "module_layout" else (
            profile.exports[symbol].crc if symbol in profile.exports else None)
        lines.append(f"kernel profile {profile.name}: " + (
            f"{symbol} has CRC {crc:#010x}" if crc is not None else f"no CRC for {symbol}"))
    return lines


def locate_vermagic(groups: dict[str, str], mod: ModuleFacts, kernel: str | None) -> list[str]:
    lines = [f".modinfo vermagic={v!r}" for v in mod.modinfo_values("vermagic")] or \
        [".modinfo has no vermagic"]
    profile = _profile(mod, kernel)
    if profile is not None:
        lines.append(f"kernel profile {profile.name} expects {profile.vermagic!r}")
    return lines


def locate_format(groups: dict[str, str], mod: ModuleFacts, kernel: str | None) -> list[str]:
    """Run the simulated loader on the file: its refusal names the exact check."""
    profile = _profile(mod, kernel)
    if profile is None:
        return []
    from pymodpost.load.pipeline import LoadOptions, load_file
    from pymodpost.load.state import KernelState

    result = load_file(mod.path, KernelState(profile), LoadOptions(record=False))
    if result.ok:
        return [f"pymodpost load: {profile.name} accepts this file"]
    lines = [f"pymodpost load on {profile.name}: {line.text}" for line in result.log]
    lines.append(f"pymodpost load: refused with {result.error.errno}")
    return lines


def locate_reloc_type(groups: dict[str, str], mod: ModuleFacts, kernel: str | None) -> list[str]:
    sites = mod.relocations_of_type(int(groups["type"]))
    lines = [f"{len(sites)} relocation(s) of type {groups['type']} ({groups.get('type_name', '')})"]
    by_section: dict[str, int] = {}
    for s in sites:
        by_section[s.section] = by_section.get(s.section, 0) + 1
    lines += [f"  {n} in {name}" for name, n in by_section.items()]
    _sites(lines, sites, "  e.g. one", limit=3)
    return lines


LOCATORS: dict[str, Callable[[dict[str, str], ModuleFacts, str | None], list[str]]] = {
    name: fn for name, fn in globals().items() if name.startswith("locate_")
}


def _profile(mod: ModuleFacts, kernel: str | None):
    from pymodpost.kernel.profile import load_profile

    spec = kernel or mod.arch
    return load_profile(spec) if spec else None
