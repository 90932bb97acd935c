#!/usr/bin/env python3
"""Regenerate testdata/load/<arch>/oracle.json.xz: what the real kernel holds at module_finalize.

Boots the fixture kernel under qemu (nokaslr) with gdb attached, loads every fixture module of
testdata/<arch>/ (dependencies first), and records for each: the finit_module outcome, the kernel
log lines of that load, /sys/module/<m>/sections, and -- for modules that reach module_finalize --
the address and bytes of every allocated section plus the address of the kernel's temporary
copy of the file.  The .ko bytes themselves are stored too, so the capture stays consistent when
the fixtures are rebuilt.  The addresses of the kernel symbols the modules use are recorded too (from a
kallsyms capture of the same kernel), so the plain tests need no qemu.

Usage: python3 testdata/load/gen_oracle.py [x86_64|riscv64|debian ...]
(debian: a dozen of Debian's own signed modules plus the kdepends fixture on the x86_64 kernel)

Debian's 6.12 modules: python3 testdata/load/gen_oracle.py --version 6.12 debian
loads a sample of the installed linux-image-6.12.118+deb12-amd64-unsigned's modules (the rule:
:func:`debian_sample`) in modules.dep order into Debian's 6.12 kernel and writes
testdata/load/6.12/x86_64/oracle-debian.json.xz.

Newer kernels: python3 testdata/load/gen_oracle.py --version 6.12 [--kernel IMAGE] x86_64
loads the fixtures of testdata/6.12/x86_64 into the kernel of testdata/kernels/6.12/x86_64
(default image: /boot/vmlinuz-<its release>), with damaged copies of its hello.ko (the 6.1 set
without relocation damage, plus the defects 6.12's split ELF checks word differently), and
writes testdata/load/6.12/x86_64/oracle.json.xz.
"""

from __future__ import annotations

import base64
import json
import lzma
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from pymodpost.harness import LoadStep, boot_and_load  # noqa: E402
from pymodpost.kernel.kallsyms import parse_symbol_map, read_text_maybe_xz  # noqa: E402
from pymodpost.kernel.profile import BUNDLED_DIR  # noqa: E402
from pymodpost.load.image import SHN_UNDEF, LoadInfo  # noqa: E402
from pymodpost.harness.oracle import dump_at_module_finalize  # noqa: E402
from pymodpost.kmod.file import module_name_from_path, read_module_contents  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
import damage  # noqa: E402


def fixture_modules(arch: str, version: str | None = None, fixtures: Path | None = None) -> list[Path]:
    """Fixture .ko files, each after the fixtures it depends on."""
    fixtures = fixtures or ROOT / "testdata" / (f"{version}/{arch}" if version else arch)
    kos = sorted(fixtures.glob("*/*.ko"))
    by_name = {}
    deps = {}
    for ko in kos:
        out = subprocess.run(["/sbin/modinfo", "-F", "depends", str(ko)], capture_output=True, text=True).stdout
        name = ko.stem.replace("-", "_")
        by_name[name] = ko
        deps[name] = [d.replace("-", "_") for d in out.strip().split(",") if d]
    ordered: list[Path] = []
    done: set[str] = set()

    def visit(name: str) -> None:
        if name in done or name not in by_name:
            return
        done.add(name)
        for d in deps[name]:
            visit(d)
        ordered.append(by_name[name])

    for name in sorted(by_name):
        visit(name)
    return ordered


def kernel_addresses(arch: str, version: str | None = None, kdir: Path | None = None) -> dict[str, int]:
    kdir = kdir or (BUNDLED_DIR / version / arch if version else BUNDLED_DIR / arch)
    for name in ("kallsyms.xz", "kallsyms", "System.map.xz", "System.map"):
        if (kdir / name).is_file():
            table = parse_symbol_map(read_text_maybe_xz(kdir / name))
            if table:
                return table
    print(f"{arch}: capturing kallsyms (one boot)", file=sys.stderr)
    boot = boot_and_load(arch, [], capture_kallsyms=True, timeout=600)
    return parse_symbol_map(boot.kallsyms.encode())


def _modinfo_name(blob: bytes) -> str:
    """The name= of a (damaged) module's .modinfo: the name the kernel loads it under."""
    import re

    found = re.search(rb"\0name=([^\0]*)\0", blob)
    return found.group(1).decode() if found else "hello"


def undefined_names(data: bytes) -> set[str]:
    from pymodpost.load.checks import elf_validity_check, setup_load_info

    info = LoadInfo(data=data, len=len(data))
    machine = int.from_bytes(data[18:20], "little")
    elf_validity_check(info, machine, False)
    setup_load_info(info, 0, True)
    syms = info.symbols()
    return {info.symbol_name(int(s["st_name"])) for s in syms[1:] if s["st_shndx"] == SHN_UNDEF}


#: real modules of Debian's linux-image package (x86_64), dependencies first; then the fixture
#: kdepends, which needs crc8 and crc-itu-t
DEBIAN_MODULES = [
    "kernel/lib/crc8.ko", "kernel/lib/crc-itu-t.ko", "kernel/lib/crc7.ko", "kernel/fs/nls/nls_utf8.ko",
    "kernel/drivers/net/dummy.ko", "kernel/drivers/block/loop.ko", "kernel/fs/fat/fat.ko",
    "kernel/fs/fat/vfat.ko", "kernel/drivers/cdrom/cdrom.ko", "kernel/fs/isofs/isofs.ko",
    "kernel/net/xfrm/xfrm_algo.ko", "kernel/net/key/af_key.ko",
    # with per-cpu data (.data..percpu)
    "kernel/drivers/cpufreq/cpufreq_userspace.ko", "kernel/mm/zsmalloc.ko",
]
DEBIAN_DIR = Path("/lib/modules/6.1.0-56-amd64")

#: the sample of Debian's 6.12 modules: subsystems whose modules load without hardware
SAMPLE_DIRS = ("kernel/crypto/", "kernel/fs/", "kernel/lib/", "kernel/net/")
SAMPLE_MAX_BYTES = 64 * 1024  # a module and each of its dependencies, decompressed
SAMPLE_STRIDE = 12
#: sections the sample must hold at least one of (the first candidate with it is added if the
#: stride missed them): ro_after_init data, per-cpu data, an exception table
SAMPLE_FEATURES = (".data..ro_after_init", ".data..percpu", "__ex_table")


def debian_sample(moddir: Path) -> list[str]:
    """The deterministic sample of a module directory (paths relative to it, in load order):
    of the modules under SAMPLE_DIRS that, with each of their dependencies, are at most
    SAMPLE_MAX_BYTES decompressed, every SAMPLE_STRIDE-th in load order, the first one holding
    each of SAMPLE_FEATURES not yet covered, and the dependencies of all of them."""
    from pymodpost.kmod.file import read_module_contents
    from pymodpost.kmod.modname import ModuleDirectory

    directory = ModuleDirectory(str(moddir))
    order = directory.load_order()
    deps = directory.dependencies()
    size: dict[str, int] = {}

    def small(path: str) -> bool:
        if path not in size:
            size[path] = len(read_module_contents(str(moddir / path)))
        return size[path] <= SAMPLE_MAX_BYTES

    candidates = [m for m in order if m.startswith(SAMPLE_DIRS) and all(small(d) for d in [m, *deps[m]])]
    picked = candidates[::SAMPLE_STRIDE]

    def sections(path: str) -> set[str]:
        from pymodpost.elf import ElfFile

        return {sec.name for sec in ElfFile(read_module_contents(str(moddir / path))).sections}

    covered = set().union(*(sections(m) for m in picked))
    for feature in SAMPLE_FEATURES:
        if feature not in covered:
            first = next((m for m in candidates if feature in sections(m)), None)
            if first is not None:
                picked.append(first)
                covered |= sections(first)
    wanted = set(picked).union(*(deps[m] for m in picked))
    return [m for m in order if m in wanted]


def generate(arch: str, only: list[str] | None = None, with_damaged: bool = True,
             extra: list[Path] | None = None, version: str | None = None, kernel: str | None = None,
             fixtures: Path | None = None, profile_dir: Path | None = None, extra_dir: Path = DEBIAN_DIR) -> dict:
    """Damaged copies of hello.ko first (all refused, so they change nothing for what follows),
    then ``extra`` modules (e.g. Debian's own, below ``extra_dir``; compressed ones are booted
    decompressed, as kmod hands them to the kernel), then the fixture modules in dependency order.
    ``version`` (e.g. "6.12") takes the fixtures and kernel facts of that kernel; ``fixtures``
    and ``profile_dir`` (a kernel build tree) name others, e.g. modules built against a kernel
    whose fixtures have not landed yet."""
    from pymodpost.kernel.profile import load_profile

    kos = [ko for ko in fixture_modules(arch, version, fixtures) if only is None or ko.stem in only]
    table = kernel_addresses(arch, version, profile_dir)
    finalize = table["module_finalize"]
    if profile_dir:
        profile = load_profile(str(profile_dir))
    else:
        profile = load_profile(str(BUNDLED_DIR / version / arch)) if version else load_profile(arch)
    if version and kernel is None:
        kernel = f"/boot/vmlinuz-{profile.release}"
    recipe_table = None
    if version:
        recipe_table = {k: v for k, v in damage.recipes(arch).items() if not k.startswith(("reloc", "overflow", "missing_plt"))}
        recipe_table.update(damage.recipes_split_checks())
    fixture_dir = fixtures or ROOT / "testdata" / (f"{version}/{arch}" if version else arch)
    with tempfile.TemporaryDirectory(prefix="pymodpost-damaged-") as tmp:
        items: list[tuple[str, str, bytes, Path]] = []  # (label, module name, bytes, path booted)
        if with_damaged:
            hello = (fixture_dir / "hello" / "hello.ko").read_bytes()
            damaged = damage.damaged(arch, hello, recipe_table)
            if version == "7.3":
                # 7.3's own checks: on hello.ko, and the export flags on exports.ko
                damaged.update(damage.damaged(arch, hello, damage.recipes_7_3()))
                exports = (fixture_dir / "exports" / "exports.ko").read_bytes()
                damaged.update(damage.damaged(arch, exports, damage.recipes_7_3_exports()))
            for label, blob in damaged.items():
                path = Path(tmp) / f"{label}.ko"
                path.write_bytes(blob)
                items.append((f"damaged:{label}", _modinfo_name(blob), blob, path))
        for ko in extra or []:
            blob = read_module_contents(str(ko))
            path = ko
            if blob != ko.read_bytes():
                path = Path(tmp) / "debian" / ko.relative_to(extra_dir).with_suffix("")
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(blob)
            items.append((f"debian:{ko.relative_to(extra_dir)}", module_name_from_path(str(ko)), blob, path))
        for ko in kos:
            # the exact bytes booted: fixtures get rebuilt, the capture must not go stale
            label = str(ko.relative_to(ROOT)) if ko.is_relative_to(ROOT) else f"built:{ko.relative_to(fixture_dir)}"
            items.append((label, ko.stem.replace("-", "_"), ko.read_bytes(), ko))
        run = dump_at_module_finalize(arch, [LoadStep(str(p), []) for *_, p in items], finalize, timeout=900,
                                      kernel=kernel, memory_layout=profile.dialect.loader.memory_layout)
        changed = [label for label, _, blob, p in items if p.read_bytes() != blob]
    if changed:
        raise SystemExit(f"fixtures changed during the capture, run again: {changed}")
    dumps = {d["module"]: d for d in run.dumps}
    strays = sorted(set(dumps) - {name for _, name, _, _ in items})
    if strays:
        print(f"{arch}: dumps for modules not in the list (name differs from the file?): {strays}",
              file=sys.stderr)
    wanted = set()
    for label, _, blob, _ in items:
        if not label.startswith("damaged:"):
            wanted |= undefined_names(blob)
    names = [name for _, name, _, _ in items]

    def reached(outcome, name: str) -> bool:
        """Did this load get to module_finalize?  Loaded, killed by its own init (no errno), or
        -- for a name loaded only once -- refused later (its init failed) with a dump taken."""
        if outcome is None:
            return False
        return outcome.ret == 0 or outcome.errno == 0 or (names.count(name) == 1 and name in dumps)

    modules = []
    for i, (label, name, blob, _) in enumerate(items):
        outcome = run.loads[i]
        modules.append({
            "path": label,
            "ko": base64.b64encode(blob).decode(),
            "name": name,
            "ret": outcome.ret if outcome else None,
            "errno": outcome.errno if outcome else None,
            "strerror": outcome.strerror if outcome else None,
            "messages": run.messages[i],
            "sysfs_sections": run.sysfs_sections[i],
            "dump": dumps.get(name) if reached(outcome, name) else None,
        })
    return {
        "arch": arch,
        "kernel_version": version,
        "kernel_release": profile.release,
        # where the kernel facts came from when they are not testdata/kernels/<version>/<arch>
        "profile_source": str(profile_dir) if profile_dir else None,
        "finalize_addr": finalize,
        "kernel_symbols": {n: table[n] for n in sorted(wanted) if n in table},
        "modules": modules,
    }


def placement_run(arch: str, kos: list[Path], kernel: str, profile_dir: Path | None) -> dict:
    """Boot through the harness as `pymodpost harness` does (x86_64: PVH when the image allows),
    load ``kos`` in order and keep them: what /sys/module/<m>/sections says for each, with the
    .ko bytes, for checking where the simulator places modules by default (no gdb: the boot path
    the harness takes is the one its users see)."""
    run = boot_and_load(arch, [LoadStep(str(k), []) for k in kos], unload=False, kernel=kernel,
                        module_symbols=False, timeout=600)
    return {
        "arch": arch, "boot_image": Path(run.boot_image).name, "cmdline": run.cmdline,
        "kernel_release": run.kernel_release, "profile_source": str(profile_dir) if profile_dir else None,
        "modules": [{"path": f"built:{k.parent.name}/{k.name}", "ko": base64.b64encode(k.read_bytes()).decode(),
                     "ret": step.load.ret, "errno": step.load.errno, "sysfs_sections": step.sections,
                     "messages": [m.text for m in step.messages]} for k, step in zip(kos, run.steps)],
    }


def main(argv: list[str]) -> int:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("targets", nargs="*")
    parser.add_argument("--version", help="kernel version of the fixtures and kernel facts (6.12, 7.3)")
    parser.add_argument("--kernel", help="kernel image to boot")
    parser.add_argument("--fixtures", type=Path, help="modules to load instead of testdata/<version>/<arch>")
    parser.add_argument("--profile", type=Path, help="kernel build tree for the facts instead of testdata/kernels")
    parser.add_argument("--placement", nargs="+", type=Path, metavar="KO",
                        help="instead: boot through the harness, load these modules in order, write "
                             "testdata/load/<version>/<arch>/harness-placement.json.xz")
    args = parser.parse_args(argv)
    if args.placement:
        (arch,) = args.targets
        data = placement_run(arch, args.placement, args.kernel, args.profile)
        _write(ROOT / "testdata" / "load" / args.version / arch / "harness-placement.json.xz", data)
        return 0
    if args.version:
        if args.targets == ["debian"]:
            from pymodpost.kernel.profile import load_profile

            moddir = Path("/lib/modules") / load_profile(str(BUNDLED_DIR / args.version / "x86_64")).release
            sample = [moddir / m for m in debian_sample(moddir)]
            data = generate("x86_64", only=[], with_damaged=False, extra=sample, version=args.version,
                            kernel=args.kernel, extra_dir=moddir)
            _write(ROOT / "testdata" / "load" / args.version / "x86_64" / "oracle-debian.json.xz", data)
            return 0
        for arch in args.targets:
            data = generate(arch, version=args.version, kernel=args.kernel, fixtures=args.fixtures,
                            profile_dir=args.profile)
            _write(ROOT / "testdata" / "load" / args.version / arch / "oracle.json.xz", data)
        return 0
    for arch in args.targets or ["x86_64", "riscv64", "debian"]:
        if arch == "debian":
            data = generate("x86_64", only=["kdepends"], with_damaged=False,
                            extra=[DEBIAN_DIR / m for m in DEBIAN_MODULES])
            out = ROOT / "testdata" / "load" / "x86_64" / "oracle-debian.json.xz"
        else:
            data = generate(arch)
            out = ROOT / "testdata" / "load" / arch / "oracle.json.xz"
        _write(out, data)
    return 0


def _write(out: Path, data: dict) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(lzma.compress(json.dumps(data, indent=0, sort_keys=True).encode()))
    reached = sum(1 for m in data["modules"] if m.get("dump"))
    print(f"{out}: {len(data['modules'])} modules, {reached} dumped at module_finalize")


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
