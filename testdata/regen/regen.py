#!/usr/bin/env python3
"""Rebuild the kbuild fixtures in testdata/ with the real tools.

For each (kernel, architecture, module) the module's sources (testdata/modules/<name>/) are
copied to a fixed build directory, built there with
``make -C <kernel build tree> M=<build dir> modules`` and the whole M= directory, exactly as
kbuild leaves it, is copied to the fixture folder.  modpost is run through modpost-wrapper.sh,
which records its argv, cwd, stdin, stderr and exit status.  Kernel-side facts (Module.symvers,
.config, utsrelease.h, vermagic, module.lds, System.map, 6.12+: .module-common.o) go to the
kernel-facts folder and everything is described in testdata/manifest.json.

  kernel  build directory                           fixture folder              facts                          manifest
  6.1     /tmp/pymodpost-kbuild/<arch>/<name>       testdata/<arch>/<name>      testdata/kernels/<arch>        [<arch>]
  6.12    /tmp/pymodpost-kbuild/6.12/<arch>/<name>  testdata/6.12/<arch>/<name> testdata/kernels/6.12/<arch>   ["6.12"][<arch>]
  7.3     /tmp/pymodpost-kbuild/7.3/<arch>/<name>   testdata/7.3/<arch>/<name>  testdata/kernels/7.3/<arch>    ["7.3"][<arch>]

Kernels: x86_64 6.1 and 6.12 are Debian's own (the pinned linux-headers-<abi> of the
manifest); every other (kernel, arch) is built by build-kernel.sh from its recipe.

Usage: regen.py [--kernel 6.1|6.12|7.3] [--arch x86_64|riscv64|all] [--module NAME]... [--check]

--check rebuilds the same way but writes nothing under testdata/: it compares every rebuilt
file (and the kernel facts and manifest entries) with the committed ones and exits 1 listing
the differences -- the reproducibility check.
"""

from __future__ import annotations

import argparse
import datetime
import fcntl
import hashlib
import json
import lzma
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pins  # testdata/regen/pins.py: the pinned Debian amd64 kernels

REGEN = Path(__file__).resolve().parent
TESTDATA = REGEN.parent
SOURCES = TESTDATA / "modules"
MANIFEST = TESTDATA / "manifest.json"
BUILD_ROOT = Path("/tmp/pymodpost-kbuild")
WRAPPER_SOURCE = REGEN / "modpost-wrapper.sh"
# kbuild writes the MODPOST path into .Module.symvers.cmd: run the wrapper from a copy at a fixed
# path, so that the fixtures do not depend on where the repository is checked out.
WRAPPER = BUILD_ROOT / "modpost-wrapper.sh"
ARCHES = ("x86_64", "riscv64")
KERNELS = ("6.1", "6.12", "7.3")
DEFAULT_KERNEL = "6.1"  # its fixtures, facts and manifest entries sit at the top level

# Debian's amd64 kernel is built with CONFIG_DEBUG_INFO=y, so kbuild compiles and assembles
# modules with -g.  To keep testdata small, every x86_64 module except these is built with
# KCFLAGS=-g0 KAFLAGS=-g0 (appended after kbuild's own flags, so they win); the files stay
# genuine kbuild outputs.  These keep
# their DWARF, so .debug_* sections and their .rela.debug_* relocations are exercised.
X86_DEBUG_INFO = ("hello", "params")


def qualified(entries: tuple[str, ...], value: str, kernel: str) -> bool:
    """Whether ``value`` is listed in ``entries``, as itself (every kernel) or as
    ``value@kernel`` (that kernel only)."""
    return value in entries or f"{value}@{kernel}" in entries


@dataclass(frozen=True, slots=True)
class ModuleSpec:
    """How one fixture module is built and what its build is expected to do."""

    name: str
    covers: str
    arches: tuple[str, ...] = ARCHES
    needs: tuple[str, ...] = ()  # fixtures whose Module.symvers it uses (built first)
    # arches where modpost exits non-zero (no .ko); "arch@kernel" for one kernel only
    modpost_fails: tuple[str, ...] = ()
    loads: bool = True  # meant to be inserted by the qemu harness
    # built fine, but the real kernel refuses to load these; "module@kernel" for one kernel
    refused: tuple[str, ...] = ()
    kernel_modules_first: tuple[str, ...] = ()  # the distribution's modules it depends on
    kos: tuple[str, ...] = ()  # modules the folder builds, when not just "<name>"
    own_dwarf: bool = False  # its Kbuild asks for -g whatever the kernel config says
    kernels: tuple[str, ...] = KERNELS  # the fixture kernels it is built for

    @property
    def modules(self) -> tuple[str, ...]:
        return self.kos or (self.name,)


MODULES: tuple[ModuleSpec, ...] = (
    ModuleSpec("hello", "minimal module: init/exit, MODULE_AUTHOR/DESCRIPTION"),
    ModuleSpec("params", "module_param int/charp/bool/ulong (named), module_param_array, "
               "module_param_string, MODULE_PARM_DESC"),
    ModuleSpec("exports", "EXPORT_SYMBOL (function and variable), EXPORT_SYMBOL_GPL, "
               "EXPORT_SYMBOL_NS, EXPORT_SYMBOL_NS_GPL"),
    ModuleSpec("consumer", "uses every export of 'exports' (KBUILD_EXTRA_SYMBOLS, depends=), "
               "MODULE_IMPORT_NS", needs=("exports",)),
    ModuleSpec("ns_missing", "uses a namespaced symbol without MODULE_IMPORT_NS (modpost error)",
               needs=("exports",), modpost_fails=ARCHES, loads=False),
    ModuleSpec("devtables", "MODULE_DEVICE_TABLE for pci, usb, hid, of, acpi, platform, i2c, "
               "spi, input, virtio, dmi, serio, sdio, pnp, mdio, x86cpu, auxiliary, wmi, "
               "rpmsg, typec, mhi, ipack, amba, eisa"),
    ModuleSpec("devtables2", "MODULE_DEVICE_TABLE for ieee1394, ccw, ap, css, pcmcia, vio, "
               "parisc, ssb, bcma, vmbus, i3c, zorro, isapnp, mipscdmm, cpu, mei, rapidio, "
               "ulpi, hdaudio, sdw, fslmc, tbsvc, tee, mhi_ep, ssam, dfl, ishtp, pnp_card"),
    ModuleSpec("composite", "module linked from three .c files (composite-y), MODULE_VERSION"),
    ModuleSpec("sections", "__init/__initdata/__initconst/__exit/__exitdata/__ro_after_init/"
               "__read_mostly, .bss and .data"),
    ModuleSpec("static_keys", "DEFINE_STATIC_KEY_FALSE/TRUE, static_branch_unlikely/likely, "
               "static_branch_enable/disable (jump labels, __jump_table)"),
    ModuleSpec("unresolved", "undefined function and variable (modpost error)",
               modpost_fails=ARCHES, loads=False),
    ModuleSpec("gpl_only", "MODULE_LICENSE(\"Proprietary\") using the GPL-only ktime_get "
               "(modpost error)", modpost_fails=ARCHES, loads=False),
    ModuleSpec("no_license", "no MODULE_LICENSE (modpost error)", modpost_fails=ARCHES,
               loads=False),
    # Debian's amd64 config has SECTION_MISMATCH_WARN_ONLY=y (warnings only); the tinyconfig
    # kernels (riscv64, x86_64 7.3) do not, so there kbuild passes -E and modpost fails.
    ModuleSpec("mismatch", "section mismatches: non-__init code/data referencing __init "
               "function and __initdata, exported __init function, .text -> .exit.text/"
               ".exit.data (x86_64: warnings; riscv64: modpost -E error)",
               modpost_fails=("riscv64", "x86_64@7.3")),
    ModuleSpec("version", "MODULE_VERSION with srcversion over a local header, MODULE_ALIAS, "
               "MODULE_SOFTDEP, MODULE_FIRMWARE, MODULE_INFO, two MODULE_AUTHORs, dual "
               "licence"),
    # The small x86_64 7.3 kernel has no EFI: there modpost finds efivar_lock undefined.
    ModuleSpec("ns_import", "MODULE_IMPORT_NS(EFIVAR), a namespace vmlinux exports into",
               modpost_fails=("x86_64@7.3",)),
    ModuleSpec("kdepends", "symbols exported by in-kernel modules (crc-itu-t, crc8): CRCs and "
               "depends= from the kernel's Module.symvers; loading needs those modules",
               arches=("x86_64",), kernel_modules_first=("crc8", "crc-itu-t"),
               kernels=("6.1", "6.12")),  # the small 7.3 kernel has neither as a module
    ModuleSpec("pair", "two modules in one M= directory, one using the other's exports "
               "(plain and namespaced GPL variable) in the same modpost run",
               kos=("pair_provider", "pair_user")),
    ModuleSpec("extables", "WARN_ON_ONCE (__bug_table), unsafe_get_user fault fixup "
               "(__ex_table), module_param_cb with kernel_param_ops, const function-pointer "
               "table; x86_64 .smp_locks, .parainstructions, .static_call_sites"),
    ModuleSpec("trace_events", "TRACE_EVENT defined in the module: __tracepoints, "
               "__tracepoints_ptrs, _ftrace_events, __bpf_raw_tp_map (Debian's kernel has "
               "tracing; the riscv64 tinyconfig does not)", arches=("x86_64",)),
    ModuleSpec("dup_export", "re-exports memchr_inv, which vmlinux exports (modpost error)",
               modpost_fails=ARCHES, loads=False),
    ModuleSpec("dash_name", "module file pm-dash.ko whose KBUILD_MODNAME is pm_dash",
               kos=("pm-dash",)),
    ModuleSpec("unresolved_warn", "undefined symbols with KBUILD_MODPOST_WARN=1 (modpost -w: "
               "warnings, .ko linked; the kernel refuses to load it)",
               refused=("unresolved_warn",)),
    ModuleSpec("asm_export", "EXPORT_SYMBOL in a .S file of a composite module (no genksyms "
               "CRC: modpost's version-generation warning) and a user of it in the same run "
               "(\"has no CRC\" warning; the kernel refuses asm_user: no symbol version)",
               kos=("asm_export", "asm_user"), refused=("asm_user",)),
    ModuleSpec("long_symbol", "import of a 62-character symbol: too long for modversions "
               "(modpost error)", kos=("long_provider", "long_user"), modpost_fails=ARCHES,
               loads=False),
    ModuleSpec("long_modname", "module file name of 60 characters, over MODULE_NAME_LEN "
               "(modpost error)",
               kos=("pm_module_file_name_that_is_much_longer_than_module_name_len",),
               modpost_fails=ARCHES, loads=False),
    ModuleSpec("debug_info", "ccflags-y += -g on riscv64: .debug_* with ADD/SUB/SET "
               "relocations", arches=("riscv64",), own_dwarf=True),
    # 6.1's riscv64 apply_relocate_add has no handler for type 57: the kernel refuses it.
    ModuleSpec("eh_frame", "-fasynchronous-unwind-tables: .eh_frame with R_RISCV_32_PCREL "
               "(the 6.1 kernel refuses it: Unknown relocation type 57)",
               arches=("riscv64",), refused=("eh_frame@6.1",)),
    # Newer kernels only.
    ModuleSpec("no_description", "a module without MODULE_DESCRIPTION (7.3: modpost warns; "
               "6.12 only with W=1)", kernels=("6.12", "7.3")),
    ModuleSpec("module_ns", "EXPORT_SYMBOL_FOR_MODULES into a module: namespace used by a "
               "named and a glob-admitted module (7.3: allowed without import; 6.12 has the "
               "macro but its modpost treats the namespace as an ordinary one: error)",
               kos=("modns_provider", "modns_friend", "modns_globbed"),
               modpost_fails=("x86_64@6.12", "riscv64@6.12"), kernels=("6.12", "7.3")),
    ModuleSpec("module_ns_denied", "a module: namespace used by a module it does not name, and "
               "an explicit import of a module: namespace (modpost error; 6.12 accepts the "
               "import)", kos=("modns_owner", "modns_stranger", "modns_importer"),
               modpost_fails=ARCHES, loads=False, kernels=("6.12", "7.3")),
    ModuleSpec("riscv_relocs", "ADD/SUB 8/16/32/64 and SET6/SUB6 pairs at one address, "
               "SET6/8/16/32 of a symbol's own address (the loader accumulates them)",
               arches=("riscv64",), kernels=("6.12", "7.3")),
)
SPECS = {m.name: m for m in MODULES}

# Files of the build directory that describe one build and are not kbuild's own outputs.
RECORDS = ("build.log", "build.status", "modpost.argv", "modpost.cwd", "modpost.stdin",
           "modpost.stderr", "modpost.status")

PACKAGES = ("linux-source-6.1", "linux-kbuild-6.1", "gcc-12", "binutils", "make",
            "gcc-riscv64-linux-gnu", "gcc-12-riscv64-linux-gnu", "binutils-riscv64-linux-gnu")


def run(argv: list[str], **kw) -> str:
    return subprocess.run(argv, check=True, capture_output=True, text=True, **kw).stdout


def first_line(argv: list[str]) -> str:
    try:
        return run(argv).splitlines()[0]
    except (OSError, subprocess.CalledProcessError):
        return "unavailable"


def package_version(name: str) -> str | None:
    try:
        return run(["dpkg-query", "-W", "-f=${Version}", name]).strip() or None
    except (OSError, subprocess.CalledProcessError):
        return None


def xz_copy(src: Path, dst: Path) -> None:
    # xz records no timestamps or names: identical input gives identical bytes.
    dst.write_bytes(lzma.compress(src.read_bytes(), preset=9))


# ---------------------------------------------------------------------------------------------
# Kernel build trees


@dataclass(frozen=True, slots=True)
class Kernel:
    kernel: str  # "6.1", "6.12", "7.3"
    arch: str
    tree: Path  # the -C directory for "make M=..."
    make_vars: tuple[str, ...]  # ARCH=/CROSS_COMPILE= etc.
    facts: dict
    # Debian's amd64 kernels have debug info: modules not in X86_DEBUG_INFO are built with
    # KCFLAGS/KAFLAGS=-g0 plus these make variables (6.12: no BTF, which needs DWARF).
    nodebug_vars: tuple[str, ...] = ()

    @property
    def debian_debug_info(self) -> bool:
        return self.facts["kcflags"]["default"] is not None


def kernel_entry(manifest: dict, kernel: str) -> dict:
    """The manifest section of ``kernel``: the top level for 6.1, manifest[kernel] otherwise."""
    return manifest if kernel == DEFAULT_KERNEL else manifest.setdefault(kernel, {})


def fixture_root(kernel: str) -> Path:
    return TESTDATA if kernel == DEFAULT_KERNEL else TESTDATA / kernel


def build_root(kernel: str) -> Path:
    return BUILD_ROOT if kernel == DEFAULT_KERNEL else BUILD_ROOT / kernel


def facts_rel(kernel: str, arch: str) -> str:
    return f"kernels/{arch}" if kernel == DEFAULT_KERNEL else f"kernels/{kernel}/{arch}"


def debian_x86_tree(kernel: str) -> Path:
    """Debian's headers tree of ``kernel``: the ABI pinned in the manifest (pins.py); for 6.1
    without it the newest installed 6.1 ABI; PYMODPOST_X86_KDIR overrides it for 6.1."""
    override = os.environ.get("PYMODPOST_X86_KDIR") if kernel == DEFAULT_KERNEL else None
    if override:
        return Path(override)
    tree = pins.live_x86_tree(kernel)
    if tree is None:
        sys.exit(f"regen: {pins.missing(pins.pin_for(kernel))}")
    return tree


def debian_x86_kernel(kernel: str) -> Kernel:
    tree = debian_x86_tree(kernel)
    abi = tree.name.removeprefix("linux-headers-")
    flavourless = abi.rsplit("-", 1)[0]
    packages = [f"linux-headers-{abi}", f"linux-headers-{flavourless}-common"]
    if kernel != DEFAULT_KERNEL:
        packages.append(f"linux-kbuild-{flavourless}")
    facts = {
        "kernel_abi": abi,
        "kernel_tree": str(tree),
        "kernelrelease": (tree / "include/config/kernel.release").read_text().strip(),
        "packages": {p: package_version(p) for p in packages},
        "real_modpost": str(tree / "scripts/mod/modpost"),
        "module_lds": "arch/x86/module.lds",
        # passed as both KCFLAGS and KAFLAGS
        "kcflags": {"default": "-g0", "debug_info_modules": list(X86_DEBUG_INFO)},
    }
    nodebug_vars: tuple[str, ...] = ()
    if kernel != DEFAULT_KERNEL:
        # CONFIG_DEBUG_INFO_BTF_MODULES=y: pahole cannot make BTF from a module without DWARF
        nodebug_vars = ("CONFIG_DEBUG_INFO_BTF_MODULES=",)
        facts["nodebug_make_vars"] = list(nodebug_vars)
    return Kernel(kernel, "x86_64", tree, (), facts, nodebug_vars)


def built_kernel(kernel: str, arch: str) -> Kernel:
    """A kernel build-kernel.sh makes from its recipe (6.1 riscv64 through its old wrapper)."""
    if (kernel, arch) == (DEFAULT_KERNEL, "riscv64"):
        argv = [str(REGEN / "build-riscv64-kernel.sh")]
        script = "testdata/regen/build-riscv64-kernel.sh"
    else:
        argv = [str(REGEN / "build-kernel.sh"), kernel, arch]
        script = f"testdata/regen/build-kernel.sh {kernel} {arch}"
    proc = subprocess.run(argv, stdout=subprocess.PIPE, text=True)
    if proc.returncode != 0 or not proc.stdout.strip():
        sys.exit(f"regen: {script} failed (status {proc.returncode})")
    tree = Path(proc.stdout.strip().splitlines()[-1])
    config = (tree / ".config").read_bytes()
    facts = {
        "kernel_tree": str(tree),
        "kernel_build_script": script,
        "kernelrelease": (tree / "include/config/kernel.release").read_text().strip(),
        "config_sha256": hashlib.sha256(config).hexdigest(),
        "stamp": (tree.parent / "stamp").read_text().strip(),
        "real_modpost": str(tree / "scripts/mod/modpost"),
        "module_lds": "scripts/module.lds",
        "kcflags": {"default": None, "debug_info_modules": []},
    }
    make_vars = ("ARCH=riscv", "CROSS_COMPILE=riscv64-linux-gnu-") if arch == "riscv64" else ()
    return Kernel(kernel, arch, tree, make_vars, facts)


def kernel_for(kernel: str, arch: str) -> Kernel:
    if arch == "x86_64" and kernel in ("6.1", "6.12"):
        return debian_x86_kernel(kernel)
    return built_kernel(kernel, arch)


def utsrelease(tree: Path) -> str:
    text = (tree / "include/generated/utsrelease.h").read_text()
    return text.split('"')[1]


def copy_kernel_facts(kernel: Kernel, vermagic: str | None, module_common: Path | None,
                      out: Path) -> dict:
    out.mkdir(parents=True, exist_ok=True)
    tree = kernel.tree
    xz_copy(tree / "Module.symvers", out / "Module.symvers.xz")
    xz_copy(tree / ".config", out / "config.xz")
    shutil.copyfile(tree / "include/generated/utsrelease.h", out / "utsrelease.h")
    shutil.copyfile(tree / kernel.facts["module_lds"], out / "module.lds")
    files = ["Module.symvers.xz", "config.xz", "utsrelease.h", "module.lds"]
    if (tree / "System.map").exists():
        xz_copy(tree / "System.map", out / "System.map.xz")
        files.append("System.map.xz")
    if vermagic is not None:
        (out / "vermagic").write_text(vermagic + "\n")
        files.append("vermagic")
    if module_common is not None:
        # 6.12+: what kbuild compiles from scripts/module-common.c for an external module
        # (vermagic, build salt, ORC header ...), here the one of the hello fixture's build.
        shutil.copyfile(module_common, out / "module-common.o")
        files.append("module-common.o")
    return {"dir": f"testdata/{facts_rel(kernel.kernel, kernel.arch)}", "files": files}


def modinfo_field(ko: Path, field: str) -> str | None:
    """Read one key of a .ko's .modinfo with pyelftools (no pymodpost code involved)."""
    from elftools.elf.elffile import ELFFile

    with ko.open("rb") as f:
        section = ELFFile(f).get_section_by_name(".modinfo")
        data = section.data() if section is not None else b""
    for entry in data.split(b"\0"):
        key, _, value = entry.partition(b"=")
        if key.decode() == field:
            return value.decode()
    return None


# ---------------------------------------------------------------------------------------------
# Module builds


def clean_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("KBUILD_", "KCFLAGS", "KAFLAGS", "ARCH", "CROSS_COMPILE",
                                "MAKEFLAGS", "MFLAGS", "MAKELEVEL"))}
    env["LC_ALL"] = "C"
    env["LANG"] = "C"
    return env


def build_module(kernel: Kernel, spec: ModuleSpec, out: Path) -> dict:
    """Build ``spec`` in its fixed build directory and copy the result to ``out``/<name>."""
    bdir = build_root(kernel.kernel) / kernel.arch / spec.name
    if bdir.exists():
        shutil.rmtree(bdir)
    shutil.copytree(SOURCES / spec.name, bdir)
    kcflags = None
    if kernel.debian_debug_info and spec.name not in X86_DEBUG_INFO:
        kcflags = "-g0"
    argv = ["make", "-C", str(kernel.tree), *kernel.make_vars, f"M={bdir}",
            f"MODPOST={WRAPPER}"]
    if kcflags:
        argv += [f"KCFLAGS={kcflags}", f"KAFLAGS={kcflags}", *kernel.nodebug_vars]
    argv.append("modules")
    env = clean_env()
    env["PYMODPOST_RECORD_DIR"] = str(bdir)
    env["PYMODPOST_REAL_MODPOST"] = kernel.facts["real_modpost"]
    proc = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env,
                          cwd=bdir, stdin=subprocess.DEVNULL)
    (bdir / "build.log").write_bytes(proc.stdout)
    (bdir / "build.status").write_text(f"{proc.returncode}\n")
    status_file = bdir / "modpost.status"
    modpost_status = int(status_file.read_text()) if status_file.exists() else None
    kos = [f"{m}.ko" for m in spec.modules if (bdir / f"{m}.ko").exists()]
    ok = modpost_status == 0 and proc.returncode == 0 and len(kos) == len(spec.modules)
    expect_fail = qualified(spec.modpost_fails, kernel.arch, kernel.kernel)
    if ok == expect_fail:
        sys.stderr.write(proc.stdout.decode(errors="replace"))
        sys.exit(f"regen: {kernel.kernel} {kernel.arch}/{spec.name}: build status {proc.returncode}, modpost "
                 f"status {modpost_status}; expected modpost to "
                 f"{'fail' if expect_fail else 'succeed'}")
    dest = out / spec.name
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(bdir, dest)
    files = sorted(str(p.relative_to(dest)) for p in dest.rglob("*") if p.is_file())
    return {
        "build_dir": str(bdir),
        "command": argv,
        "command_cwd": str(bdir),
        "env": {"PYMODPOST_RECORD_DIR": str(bdir),
                "PYMODPOST_REAL_MODPOST": kernel.facts["real_modpost"]},
        "kcflags": kcflags,
        "debug_info": spec.own_dwarf or (kernel.debian_debug_info and kcflags is None),
        "needs": list(spec.needs),
        "covers": spec.covers,
        # the modules a qemu harness run is expected to load successfully
        "loads": [m for m in spec.modules
                  if spec.loads and not qualified(spec.refused, m, kernel.kernel)
                  and (bdir / f"{m}.ko").exists()],
        "refused": [m for m in spec.modules
                    if qualified(spec.refused, m, kernel.kernel) and (bdir / f"{m}.ko").exists()],
        "kernel_modules_first": list(spec.kernel_modules_first),
        "modpost_fails": expect_fail,
        "make_status": proc.returncode,
        "modpost_status": modpost_status,
        "modules": list(spec.modules),
        "kos": kos,
        "files": files,
    }


def ordered(names: list[str]) -> list[ModuleSpec]:
    """Specs for ``names`` plus what they need, dependencies first."""
    out: list[ModuleSpec] = []

    def add(name: str) -> None:
        spec = SPECS[name]
        for dep in spec.needs:
            add(dep)
        if spec not in out:
            out.append(spec)

    for name in names:
        add(name)
    return out


def tool_versions() -> dict:
    return {
        "gcc": first_line(["gcc", "--version"]),
        "ld": first_line(["ld", "--version"]),
        "make": first_line(["make", "--version"]),
        "riscv64-linux-gnu-gcc": first_line(["riscv64-linux-gnu-gcc", "--version"]),
        "riscv64-linux-gnu-ld": first_line(["riscv64-linux-gnu-ld", "--version"]),
        "packages": {p: package_version(p) for p in PACKAGES},
    }


def differences(new: Path, old: Path) -> list[str]:
    """Files that differ between two fixture trees (missing on either side or other bytes)."""
    def files(root: Path) -> set[str]:
        return {str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()} \
            if root.is_dir() else set()

    new_files, old_files = files(new), files(old)
    out = [f"{old}/{f}: not rebuilt" for f in sorted(old_files - new_files)]
    out += [f"{old}/{f}: rebuilt but not committed" for f in sorted(new_files - old_files)]
    out += [f"{old}/{f}: differs" for f in sorted(new_files & old_files)
            if (new / f).read_bytes() != (old / f).read_bytes() and not _same_but_btf(new / f, old / f)]
    return out


def _same_but_btf(new: Path, old: Path) -> bool:
    """A .ko that kbuild's BTF step (pahole -J, 6.12 with DEBUG_INFO_BTF_MODULES) touched after ld:
    bookworm's pahole 1.24 encodes types with several threads and no reproducible-build mode, so
    the .BTF contents change from build to build.  Equal when everything else is."""
    if new.suffix != ".ko":
        return False
    log = old.parent / "build.log"
    if not log.exists() or not any(line.split()[:2] == ["BTF", "[M]"] and line.endswith("/" + new.name)
                                   for line in log.read_text(errors="replace").splitlines()):
        return False
    from pymodpost.elf import ElfFile
    from pymodpost.elf.diff import diff_elf

    return diff_elf(ElfFile(new.read_bytes(), str(new)), ElfFile(old.read_bytes(), str(old)),
                    ignored=(".BTF",)).equal


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--kernel", choices=KERNELS, default=DEFAULT_KERNEL)
    ap.add_argument("--arch", choices=(*ARCHES, "all"), default="all")
    ap.add_argument("--module", action="append", choices=sorted(SPECS), dest="modules")
    ap.add_argument("--check", action="store_true",
                    help="rebuild and compare with the committed fixtures; write nothing")
    args = ap.parse_args()
    arches = ARCHES if args.arch == "all" else (args.arch,)
    BUILD_ROOT.mkdir(parents=True, exist_ok=True)
    # The build directories are fixed paths: one regeneration at a time.
    lock = (BUILD_ROOT / ".lock").open("w")
    fcntl.flock(lock, fcntl.LOCK_EX)
    shutil.copyfile(WRAPPER_SOURCE, WRAPPER)
    WRAPPER.chmod(0o755)
    committed = json.loads(MANIFEST.read_text()) if MANIFEST.exists() else {}
    manifest = json.loads(json.dumps(committed))
    manifest["about"] = ("Reference outputs of the real kbuild/modpost/ld; written by "
                         "testdata/regen/regen.py -- see testdata/README.md")
    manifest["regen_command"] = ("testdata/regen/regen.sh [--kernel KERNEL] [--arch ARCH] "
                                 "[--module NAME]")
    manifest["build_root"] = str(BUILD_ROOT)
    manifest["modpost_wrapper"] = "testdata/regen/modpost-wrapper.sh"
    manifest["tools"] = tool_versions()
    kernel_name = args.kernel
    section = kernel_entry(manifest, kernel_name)
    committed_section = committed if kernel_name == DEFAULT_KERNEL else committed.get(
        kernel_name, {})
    where = "" if kernel_name == DEFAULT_KERNEL else f"{kernel_name}."
    check_root = BUILD_ROOT / "check" / ("" if kernel_name == DEFAULT_KERNEL else kernel_name)
    committed_root = fixture_root(kernel_name)
    problems: list[str] = []
    for arch in arches:
        wanted = args.modules or [m.name for m in MODULES]
        specs = [s for s in ordered(wanted) if arch in s.arches and kernel_name in s.kernels]
        if not specs:
            continue
        kernel = kernel_for(kernel_name, arch)
        entry = section.get(arch, {})
        entry.update(kernel.facts)
        entry["utsrelease"] = utsrelease(kernel.tree)
        entry["make_vars"] = list(kernel.make_vars)
        entry["generated"] = datetime.datetime.now(datetime.timezone.utc).strftime(
            "%Y-%m-%dT%H:%M:%SZ")
        modules = entry.setdefault("modules", {})
        out = check_root / arch if args.check else committed_root / arch
        for spec in specs:
            print(f"regen: building {kernel_name} {arch}/{spec.name}", file=sys.stderr)
            modules[spec.name] = build_module(kernel, spec, out)
            if args.check:
                problems += differences(out / spec.name, committed_root / arch / spec.name)
                if modules[spec.name] != committed_section.get(arch, {}).get(
                        "modules", {}).get(spec.name):
                    problems.append(f"manifest.json: {where}{arch}.modules.{spec.name} differs")
        entry["modules"] = dict(sorted(modules.items()))
        hello = build_root(kernel_name) / arch / "hello"
        vermagic = modinfo_field(hello / "hello.ko", "vermagic") \
            if (hello / "hello.ko").exists() else None
        if vermagic is None:
            vermagic = section.get(arch, {}).get("vermagic")
        entry["vermagic"] = vermagic
        module_common = hello / ".module-common.o"
        facts_out = check_root / "kernels" / arch if args.check \
            else TESTDATA / facts_rel(kernel_name, arch)
        entry["kernel_facts"] = copy_kernel_facts(
            kernel, vermagic, module_common if module_common.exists() else None, facts_out)
        section[arch] = entry
        if args.check:
            # Only the facts regen writes (kallsyms* come from the qemu harness).
            committed_facts = TESTDATA / facts_rel(kernel_name, arch)
            problems += [p for p in differences(facts_out, committed_facts)
                         if "kallsyms" not in p and "README" not in p]
        else:
            MANIFEST.write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n")
    if args.check:
        for problem in problems:
            print(f"regen --check: {problem}")
        print(f"regen --check: {len(problems)} difference(s)", file=sys.stderr)
        sys.exit(1 if problems else 0)
    print(f"regen: wrote {MANIFEST}", file=sys.stderr)


if __name__ == "__main__":
    main()
