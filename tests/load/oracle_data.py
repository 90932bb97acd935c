"""The committed real-kernel dumps (testdata/load/<arch>/oracle.json.xz) and a profile to match."""

from __future__ import annotations

import base64
import dataclasses
import json
import lzma
from pathlib import Path

from pymodpost.kernel.profile import load_profile
from tests.conftest import TESTDATA, require

ORACLE_DIR = TESTDATA / "load"


#: (arch, capture file): the fixtures on each kernel, and Debian's own modules on its kernel;
#: "6.12/oracle.json.xz" is testdata/load/6.12/<arch>/oracle.json.xz, the 6.12 fixtures on
#: Debian's 6.12 kernel (x86_64) or the 6.12.118 riscv64 kernel built from linux-source-6.12;
#: "7.3/...": the 7.3 fixtures on the 7.3.4 riscv64 kernel built from linux-source-7.3; on x86_64,
#: modules built from the 7.3 fixture sources by the 7.3.4 x86_64 build's kbuild (before that
#: kernel's fixtures and facts landed), booted on that build
CAPTURES = [("x86_64", "oracle.json.xz"), ("riscv64", "oracle.json.xz"), ("x86_64", "oracle-debian.json.xz"),
            ("x86_64", "6.12/oracle.json.xz"), ("riscv64", "6.12/oracle.json.xz"), ("riscv64", "7.3/oracle.json.xz"),
            ("x86_64", "7.3/oracle.json.xz")]


def oracle_path(arch: str, name: str = "oracle.json.xz") -> Path:
    version, sep, file = name.rpartition("/")
    return ORACLE_DIR / version / arch / file if sep else ORACLE_DIR / arch / name


def load_oracle(arch: str, name: str = "oracle.json.xz") -> dict:
    return json.loads(lzma.decompress(oracle_path(arch, name).read_bytes()))


def profile_for(arch: str, oracle: dict):
    """The bundled profile with the addresses the real kernel had for the symbols used."""
    version = oracle.get("kernel_version")
    if not version:
        profile = load_profile(arch)
    elif (TESTDATA / "kernels" / version / arch).is_dir():
        profile = load_profile(str(TESTDATA / "kernels" / version / arch))
    else:
        # captured before that kernel's facts landed in testdata: its build tree (kbuild tier)
        source = oracle.get("profile_source") or ""
        require(bool(source) and Path(source).is_dir(),
                f"kernel facts of {version} {arch}: neither testdata/kernels nor {source or 'a build tree'}")
        profile = load_profile(source)
    symbols = oracle["kernel_symbols"]
    profile.exports = {
        name: dataclasses.replace(exp, addr=symbols.get(name, exp.addr)) for name, exp in profile.exports.items()
    }
    return profile


def module_bytes(entry: dict) -> bytes:
    """The exact .ko the oracle booted (stored in the capture; fixtures may have been rebuilt since)."""
    return base64.b64decode(entry["ko"])
