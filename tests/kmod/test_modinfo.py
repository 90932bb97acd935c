"""``pymodpost modinfo`` against Debian's kmod 30 ``modinfo``.

Plain tier: every case in testdata/modinfo/expected.json (real modinfo over every committed kbuild
fixture and the samples in testdata/modinfo/samples/, with several option sets) must give the same
stdout bytes, stderr and exit status.  Corpus tier: a deterministic sample of the installed Debian
modules, and name/alias look-ups in their module directory, compared live.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import subprocess
from pathlib import Path

import pytest

from pymodpost.cli.main import main
from pymodpost.kmod.modinfo import hex_dump
from tests.conftest import ROOT, TESTDATA, require, require_programs

EXPECTED = json.loads((TESTDATA / "modinfo" / "expected.json").read_text())
CASES = EXPECTED["cases"]


def run_ours(args: list[str], capfdbinary, cwd: Path, monkeypatch) -> tuple[bytes, bytes, int]:
    monkeypatch.chdir(cwd)
    monkeypatch.setenv("PWD", str(cwd))
    status = main(["modinfo", *args])
    captured = capfdbinary.readouterr()
    return captured.out, captured.err, status


def _unchanged(case) -> bool:
    """The files of a recorded case are still the bytes the recording saw."""
    return all((ROOT / a).is_file() and hashlib.sha256((ROOT / a).read_bytes()).hexdigest() == h
               for a, h in case["sha256"].items())


@pytest.mark.parametrize("case", CASES, ids=[" ".join(c["args"]) or "(no args)" for c in CASES])
def test_matches_recorded_modinfo(case, capfdbinary, monkeypatch):
    out, err, status = run_ours(case["args"], capfdbinary, ROOT, monkeypatch)
    if not _unchanged(case):
        # a fixture rebuilt since the last regen.sh: compare with the installed modinfo instead
        require_programs("modinfo")
        assert (out, err, status) == real_modinfo(case["args"], ROOT)
        return
    root = str(ROOT).encode()
    assert out.replace(root, b"@ROOT@") == case["stdout"].encode("latin-1")
    assert err.replace(root, b"@ROOT@") == case["stderr"].encode("latin-1")
    assert status == case["status"]


RECORDED = {c["args"][-1] for c in CASES if c["args"]}
FIXTURES = sorted(str(p.relative_to(ROOT)) for p in TESTDATA.glob("*/*/*.ko") if "modinfo" not in p.parts)


def test_recording_exercises_signatures_parameters_and_failures():
    assert len(RECORDED & set(FIXTURES)) >= 20
    outputs = [c["stdout"] for c in CASES]
    assert any("sig_hashalgo:   sha512" in s for s in outputs)
    assert any(s.count("parm:") > 3 for s in outputs)
    assert any(c["status"] == 1 for c in CASES)


def test_fixtures_added_since_the_recording_match_live(capfdbinary, monkeypatch):
    """Fixtures that arrived after the last regen.sh: compared with the installed modinfo (none
    when the recording is current)."""
    unrecorded = [f for f in FIXTURES if f not in RECORDED]
    if unrecorded:
        require_programs("modinfo")
    for fixture in unrecorded:
        for options in ([], ["-0"], ["-p"]):
            args = [*options, fixture]
            assert run_ours(args, capfdbinary, ROOT, monkeypatch) == real_modinfo(args, ROOT), args


def test_hex_dump_wraps_after_twenty_bytes():
    assert hex_dump(b"") == b""
    assert hex_dump(b"\x00\xff") == b"00:FF"
    twenty_one = hex_dump(bytes(range(21)))
    assert twenty_one.endswith(b"13:\n\t\t14")
    assert hex_dump(bytes(range(20))).endswith(b"12:13")


# --- corpus tier: live comparison with the installed Debian modules -----------------------

def installed_release() -> str | None:
    found = sorted(p.name for p in Path("/lib/modules").glob("*-amd64") if (p / "kernel").is_dir())
    return found[-1] if found else None


def sampled_modules(count: int = 120) -> list[str]:
    release = installed_release()
    files = sorted(str(p) for p in Path(f"/lib/modules/{release}/kernel").rglob("*.ko*"))
    step = max(1, len(files) // count)
    return files[::step]


def real_modinfo(args: list[str], cwd: Path) -> tuple[bytes, bytes, int]:
    p = subprocess.run(["modinfo", *args], cwd=cwd, capture_output=True,
                       env=dict(os.environ, PWD=str(cwd), LC_ALL="C"))
    return p.stdout, p.stderr, p.returncode


def require_corpus() -> str:
    require_programs("modinfo")
    release = installed_release()
    require(release is not None, "no Debian amd64 modules under /lib/modules (linux-image package)")
    return release


@pytest.mark.corpus
@pytest.mark.parametrize("options", [[], ["-0"], ["-p"], ["-F", "signature"], ["-F", "alias", "-0"]],
                         ids=["default", "null", "parm", "signature", "alias-null"])
def test_installed_modules_match_live(options, capfdbinary, monkeypatch, tmp_path):
    require_corpus()
    modules = sampled_modules()
    assert len(modules) >= 100
    for i in range(0, len(modules), 40):
        batch = [*options, *modules[i:i + 40]]
        assert run_ours(batch, capfdbinary, tmp_path, monkeypatch) == real_modinfo(batch, tmp_path), batch


LOOKUPS = ["af_key", "af-key", "net-pf-15", "crc32c", "sha256", "symbol:drm_need_swiotlb",
           "zpool-zbud", "amd_uncore", "fs-ext4", "no_such_module", "bad[alias",
           "pci:v00008086d000010D3sv00001234sd00005678bc02sc00i00",
           # several patterns of one module match: kmod lists it once per pattern
           "hid:b0018g0004v000035CCp00000104", "pci:v00009005d00000285sv00009005sd00000285bcA1sci0"]


@pytest.mark.corpus
@pytest.mark.parametrize("options", [[], ["-0"], ["-p"], ["-F", "filename"], ["-F", "name", "-0"]],
                         ids=["default", "null", "parm", "filename", "name-null"])
def test_names_and_aliases_match_live(options, capfdbinary, monkeypatch, tmp_path):
    release = require_corpus()
    for name in LOOKUPS:
        args = ["-k", release, *options, name]
        assert run_ours(args, capfdbinary, tmp_path, monkeypatch) == real_modinfo(args, tmp_path), args


# --- robustness: any bytes give output or a kmod-style error, never a traceback ---------------

from hypothesis import HealthCheck, given, settings, strategies as st  # noqa: E402

from pymodpost.kmod.file import KmodErrno  # noqa: E402
from pymodpost.kmod.modinfo import module_info  # noqa: E402
from pymodpost.kmod.modsig import PKEY_HASH_NAMES, PKEY_ID_NAMES, SIG_MAGIC, signature_info  # noqa: E402

SIGNED = (TESTDATA / "modinfo" / "samples" / "cms-certs.ko").read_bytes()


# flips anywhere, and as often in the last 700 bytes: the PKCS#7 signature and its trailer
_POSITIONS = st.one_of(st.integers(0, len(SIGNED) - 1), st.integers(len(SIGNED) - 700, len(SIGNED) - 1))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(_POSITIONS, st.integers(0, 255)), max_size=8),
       st.integers(0, len(SIGNED)))
def test_mutated_signed_module_never_crashes(flips, cut):
    data = bytearray(SIGNED)
    for at, value in flips:
        data[at] = value
    for image in (bytes(data), bytes(data[:cut]), bytes(data[-cut:])):
        sig = signature_info(image)
        if sig is not None:
            # only an image ending in the magic has a signature, and its names are kmod's
            assert image.endswith(SIG_MAGIC)
            assert sig.id_type in PKEY_ID_NAMES and sig.hash_algo in PKEY_HASH_NAMES, sig
        try:
            entries = module_info(image)
        except KmodErrno as e:
            # what libkmod's reader can answer for a decompressed image
            assert e.errno_value in (errno.ENOEXEC, errno.EINVAL, errno.ENOENT), e
            continue
        keys = [key for key, _ in entries]
        assert (b"sig_id" in keys) == (sig is not None), keys


def test_deeply_nested_signature_is_rejected_quietly():
    der = b"\x30\x80" * 5000
    trailer = b"\0\0\x02\0\0\0\0\0" + len(der).to_bytes(4, "big") + b"~Module signature appended~\n"
    assert signature_info(der + trailer) is None


def _mutation_offset(rng, data: bytes, region: str) -> int:
    if region == "signature":      # the PKCS#7 blob and struct module_signature before the magic
        return len(data) - rng.randint(29, 700)
    if region == "certificate":    # a signature with an embedded certificate is about 1,300 bytes
        return len(data) - rng.randint(29, 1500)
    shoff = int.from_bytes(data[0x28:0x30], "little")
    shnum = int.from_bytes(data[0x3C:0x3E], "little")
    pick = rng.random()
    if pick < 0.3:
        return rng.randrange(64)                            # ELF header
    if pick < 0.8:
        return shoff + rng.randrange(shnum * 64)            # section header table
    return rng.randrange(len(data))


@pytest.mark.corpus
@pytest.mark.parametrize("sample,region", [
    ("signed-sha256.ko", "signature"), ("cms-attrs.ko", "signature"),
    ("signer-utf8-cn.ko", "signature"), ("raw-x509-hash4.ko", "signature"),
    ("cms-certs.ko", "certificate"),
    ("hello.ko", "headers"), ("params.ko", "headers"),
])
def test_mutated_modules_match_live(sample, region, capfdbinary, monkeypatch, tmp_path):
    """Random byte changes: we accept and reject what kmod (and OpenSSL under it) do."""
    require_programs("modinfo")
    import random

    base = (TESTDATA / "modinfo" / "samples" / sample).read_bytes()
    rng = random.Random(sample + region)
    for i in range(150):
        data = bytearray(base)
        for _ in range(rng.randint(1, 3)):
            at = _mutation_offset(rng, base, region)
            data[at] = rng.randrange(256) if rng.random() < 0.6 else data[at] ^ (1 << rng.randrange(8))
        (tmp_path / f"m{i}.ko").write_bytes(bytes(data))
    compared = 0
    for i in range(150):
        args = [f"m{i}.ko"]
        real = real_modinfo(args, tmp_path)
        ours = run_ours(args, capfdbinary, tmp_path, monkeypatch)
        if real[2] == -6:
            # kmod's assertions abort on e_shstrndx == 0 or >= e_shnum; we report EINVAL instead
            assert b"Assertion" in real[1] and b"Invalid argument" in ours[1]
            continue
        assert ours == real, args
        compared += 1
    assert compared > 100


def test_agrees_with_the_elf_layer_on_every_fixture():
    """libkmod's lax reading and pymodpost.elf's strict one see the same .modinfo in real modules."""
    from pymodpost.elf import ElfFile

    fixtures = sorted(p for p in TESTDATA.glob("*/*/*.ko") if "modinfo" not in p.parts)
    assert fixtures
    for path in fixtures:
        ours = module_info(path.read_bytes())
        strict = [(k.encode(errors="surrogateescape"), v.encode(errors="surrogateescape"))
                  for k, v in ElfFile.open(path).modinfo()]
        assert ours == strict, path


def _regen_module():
    import importlib.util

    spec = importlib.util.spec_from_file_location("modinfo_regen", TESTDATA / "modinfo" / "regen.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.corpus
def test_random_modinfo_sections_match_live(capfdbinary, monkeypatch, tmp_path):
    """.modinfo contents built from awkward pieces (runs of NULs, '=' and ':' anywhere, parm and
    parmtype fragments, long keys): splitting and parm merging as kmod does them."""
    require_programs("modinfo")
    import random

    regen = _regen_module()
    base = (TESTDATA / "modinfo" / "samples" / "params.ko").read_bytes()
    size = regen.section_header(base, ".modinfo")[2]
    pieces = [b"\0", b"\0\0", b"parm=", b"parmtype=", b"a", b"bb", b":", b"=", b"x:y", b"name=",
              b"license=GPL", b"k" * 17, b"\xff", b" ", b"\t", b"\n"]
    rng = random.Random(6)
    names = []
    for i in range(60):
        content = b"".join(rng.choice(pieces) for _ in range(rng.randint(0, 60)))[:size]
        if rng.random() < 0.5:
            content = content.ljust(size, b"z")    # the section's last string has no NUL
        (tmp_path / f"r{i}.ko").write_bytes(regen.with_modinfo(base, content))
        names.append(f"r{i}.ko")
    for options in ([], ["-0"], ["-p"], ["-F", "a"]):
        for name in names:
            args = [*options, name]
            assert run_ours(args, capfdbinary, tmp_path, monkeypatch) == real_modinfo(args, tmp_path), args
