#!/usr/bin/env python3
"""Regenerate the modinfo reference data: sample modules, then real ``modinfo`` outputs.

Run through ``testdata/modinfo/regen.sh`` (which checks the tools).  Two steps:

``samples``
    builds ``testdata/modinfo/samples/`` from the committed kbuild fixtures with real tools:
    ``strip --strip-debug`` (as ``INSTALL_MOD_STRIP=1`` does), the kernel's ``scripts/sign-file``
    and ``openssl cms`` with freshly generated keys (so signatures differ on every run; the
    outputs recorded next are always those of the committed samples), ``objcopy`` for 32-bit and
    big-endian images, ``xz``/``zstd``/``gzip``.  A few samples are deliberately malformed:
    signature trailers with odd header fields and ELF images truncated or with a header field
    changed -- those bytes are written here on purpose, and what modinfo makes of them is still
    recorded from the real tool.

``record``
    runs Debian's kmod ``modinfo`` over every fixture ``.ko`` (``testdata/<arch>/<name>/*.ko``)
    and every sample with several option sets, and writes ``expected.json``: for each case the
    argument list, the sha256 of each file argument, stdout, stderr and exit status (text stored
    as latin-1 so every byte survives; the checkout's absolute path replaced by ``@ROOT@``).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import struct
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = ROOT / "testdata" / "modinfo"
SAMPLES = HERE / "samples"
SIGN_FILE = "/usr/src/linux-headers-6.1.0-56-amd64/scripts/sign-file"
SIG_MAGIC = b"~Module signature appended~\n"

#: option sets every module file is shown with
VARIANTS = [
    [],
    ["-0"],
    ["-p"],
    ["-p", "-0"],
    ["-F", "sig_key"],
    ["-F", "parmtype"],
    ["-F", "vermagic", "-0"],
    ["-n"],
]


def run(*cmd: str, **kw) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, check=True, **kw)


def rel(p: Path) -> str:
    return str(p.relative_to(ROOT))


# --- samples --------------------------------------------------------------------------------

def make_key(tmp: Path, name: str, subject: str, serial: str | None = None) -> tuple[Path, Path]:
    key, cert = tmp / f"{name}.pem", tmp / f"{name}.x509"
    cmd = ["openssl", "req", "-new", "-nodes", "-utf8", "-sha256", "-days", "36500", "-batch",
           "-x509", "-subj", subject, "-outform", "PEM", "-out", str(cert), "-keyout", str(key),
           "-newkey", "rsa:2048"]
    if serial is not None:
        cmd += ["-set_serial", serial]
    run(*cmd, stderr=subprocess.DEVNULL)
    return key, cert


def cms_signature(tmp: Path, module: Path, key: Path, cert: Path, *extra: str) -> bytes:
    out = tmp / "sig.der"
    run("openssl", "cms", "-sign", "-in", str(module), "-signer", str(cert), "-inkey", str(key),
        "-binary", "-outform", "DER", "-nosmimecap", "-md", "sha256", "-out", str(out), *extra)
    return out.read_bytes()


def trailer(module: bytes, *, signer: bytes = b"", key_id: bytes = b"", sig: bytes,
            algo: int = 0, hash_: int = 0, id_type: int = 2, sig_len: int | None = None,
            magic: bytes = SIG_MAGIC) -> bytes:
    """A module with a signature block appended in the layout of struct module_signature."""
    header = struct.pack(">BBBBB3xI", algo, hash_, id_type, len(signer), len(key_id),
                         len(sig) if sig_len is None else sig_len)
    return module + signer + key_id + sig + header + magic


def section_header(data: bytes, wanted: str) -> tuple[int, int, int]:
    """(header offset, sh_offset, sh_size) of a section of a 64-bit little-endian ELF."""
    shoff, = struct.unpack_from("<Q", data, 0x28)
    shnum, shstrndx = struct.unpack_from("<HH", data, 0x3C)
    str_off, = struct.unpack_from("<Q", data, shoff + shstrndx * 64 + 0x18)
    for i in range(shnum):
        at = shoff + i * 64
        name, = struct.unpack_from("<I", data, at)
        end = data.index(b"\0", str_off + name)
        if data[str_off + name:end].decode() == wanted:
            off, size = struct.unpack_from("<QQ", data, at + 0x18)
            return at, off, size
    raise SystemExit(f"no {wanted} section")


def with_modinfo(data: bytes, content: bytes) -> bytes:
    """The module with its .modinfo bytes replaced (same size; content padded with NULs)."""
    _, off, size = section_header(data, ".modinfo")
    if len(content) > size:
        raise SystemExit(f".modinfo replacement of {len(content)} bytes > {size}")
    return data[:off] + content.ljust(size, b"\0") + data[off + size:]


def patched(data: bytes, offset: int, fmt: str, value: int) -> bytes:
    b = bytearray(data)
    struct.pack_into(fmt, b, offset, value)
    return bytes(b)


def make_samples() -> None:
    if SAMPLES.exists():
        shutil.rmtree(SAMPLES)
    SAMPLES.mkdir(parents=True)
    w = lambda name, data: (SAMPLES / name).write_bytes(data)  # noqa: E731

    hello = SAMPLES / "hello.ko"
    params = SAMPLES / "params.ko"
    run("strip", "--strip-debug", "-o", str(hello), str(ROOT / "testdata/x86_64/hello/hello.ko"))
    run("strip", "--strip-debug", "-o", str(params), str(ROOT / "testdata/x86_64/params/params.ko"))
    base = hello.read_bytes()

    with tempfile.TemporaryDirectory() as t:
        tmp = Path(t)
        # real sign-file signatures, one per digest (kmod 30 names RIPEMD-160 "rmd160"; it has no
        # name for sha3-256 or sha512-256 and then shows no signature at all)
        key, cert = make_key(tmp, "main", "/O=pymodpost/CN=pymodpost fixture signing key")
        for digest in ("md5", "sha1", "ripemd160", "sha224", "sha256", "sha384", "sha512",
                       "sha3-256", "sha512-256"):
            run(SIGN_FILE, digest, str(key), str(cert), str(hello), str(SAMPLES / f"signed-{digest}.ko"))
        run(SIGN_FILE, "sha256", str(key), str(cert), str(params), str(SAMPLES / "params-signed.ko"))
        # issuer names and serial numbers that exercise the signer / sig_key rules
        for name, subject, serial in (
            ("no-cn", "/O=pymodpost/OU=fixtures without a common name", None),
            ("utf8-cn", "/CN=pymodpost t\u00e9st cl\u00e9", None),
            ("multi-rdn", "/O=pymodpost/CN=multi+OU=valued rdn", None),
            ("serial-0", "/CN=serial zero", "0"),
            ("serial-neg", "/CN=negative serial", "-1234567"),
            ("serial-128", "/CN=serial 128", "128"),
        ):
            k, c = make_key(tmp, name, subject, serial)
            run(SIGN_FILE, "sha256", str(k), str(c), str(hello), str(SAMPLES / f"signer-{name}.ko"))
        # CMS variants sign-file does not make: signed attributes, embedded certificate,
        # subjectKeyIdentifier signer (OpenSSL's PKCS#7 decoder rejects that one)
        w("cms-attrs.ko", trailer(base, sig=cms_signature(tmp, hello, key, cert, "-nocerts")))
        w("cms-certs.ko", trailer(base, sig=cms_signature(tmp, hello, key, cert, "-noattr")))
        w("cms-keyid.ko", trailer(base, sig=cms_signature(tmp, hello, key, cert, "-noattr", "-nocerts", "-keyid")))
        good = cms_signature(tmp, hello, key, cert, "-noattr", "-nocerts")
        w("cms-truncated.ko", trailer(base, sig=good[:-40]))
        w("cms-trailing.ko", trailer(base, sig=good + b"extra bytes after the DER"))

    # legacy (non-PKCS#7) signature blocks: kmod shows the raw fields
    raw_sig = bytes(range(256)) * 2
    for hash_ in range(10):
        w(f"raw-x509-hash{hash_}.ko", trailer(base, signer=b"legacy signer", key_id=b"\x01\x02\xfe\xff",
                                              sig=raw_sig[:45], algo=1, hash_=hash_, id_type=1))
    w("raw-pgp-nul-signer.ko", trailer(base, signer=b"before\0after", key_id=b"", sig=b"\xaa" * 20,
                                       algo=0, hash_=2, id_type=0))
    w("raw-algo2.ko", trailer(base, signer=b"s", sig=b"\x01", algo=2, hash_=4, id_type=1))
    w("raw-idtype3.ko", trailer(base, signer=b"s", sig=b"\x01", algo=1, hash_=4, id_type=3))
    w("raw-siglen0.ko", trailer(base, signer=b"s", sig=b"", algo=1, hash_=4, id_type=1))
    w("raw-siglen-huge.ko", trailer(base, signer=b"s", sig=b"\x01", algo=1, hash_=4, id_type=1,
                                    sig_len=0x7FFFFFFF))
    w("raw-bad-magic.ko", trailer(base, signer=b"s", sig=b"\x01", algo=1, hash_=4, id_type=1,
                                  magic=SIG_MAGIC[:-1] + b"!"))

    # compressed images, as kmod reads them (Debian's kmod has no zlib: .ko.gz is no module name)
    signed = (SAMPLES / "signed-sha256.ko").read_bytes()
    for tool, ext in (("xz", "xz"), ("zstd", "zst"), ("gzip", "gz")):
        out = run(tool, "-c", str(SAMPLES / "signed-sha256.ko"), capture_output=True).stdout
        w(f"compressed.ko.{ext}", out)
        w(f"compressed-{ext}-as.ko", out)
        w(f"compressed-{ext}-truncated.ko", out[:len(out) // 2])
        w(f"compressed-{ext}-twice.ko", out + out)
    w("compressed-xz-garbage.ko", (SAMPLES / "compressed.ko.xz").read_bytes() + b"garbage!")

    # other ELF classes and byte orders: a lone .modinfo section made into an object by objcopy
    with tempfile.TemporaryDirectory() as t:
        blob = Path(t) / "modinfo.bin"
        run("objcopy", "-O", "binary", "--only-section=.modinfo", str(hello), str(blob))
        for target in ("elf32-i386", "elf32-big", "elf64-big"):
            run("objcopy", "-I", "binary", "-O", target, "--rename-section", ".data=.modinfo",
                str(blob), str(SAMPLES / f"{target}.ko"))

    # .modinfo contents that exercise kmod's splitting and parm merging
    w("modinfo-quirks.ko", with_modinfo(params.read_bytes(), b"\0\0\0".join([
        b"", b"license=GPL", b"parm=foo:the foo", b"parmtype=foo:int", b"parmtype=bar:charp",
        b"parm=nocolon", b"parm=qux:", b"parmtype=qux:bool", b"parm=foo:the foo, again",
        b"parm=desc_only:no type", b"averyveryverylongkeyname=x", b"fifteen_chars_k=y",
        b"sixteen_chars_ke=z", b"noequals", b"empty=", b"a=b=c", b"name=quirks"])))
    size = section_header(base, ".modinfo")[2]
    w("modinfo-one-byte.ko", with_modinfo(base, b"\0" * (size - 1) + b"a"))
    w("modinfo-unterminated.ko", with_modinfo(base, b"\0" * (size - 12) + b"license=GPL"))
    w("modinfo-all-nul.ko", with_modinfo(base, b""))

    # broken ELF images
    for n in (0, 5, 6, 16, 17, 64, 65, 200, len(base) // 2):
        w(f"truncated-{n}.ko", base[:n])
    w("elf-bad-class.ko", patched(base, 4, "B", 3))
    w("elf-bad-data.ko", patched(base, 5, "B", 0))
    w("elf-data-swapped.ko", patched(base, 5, "B", 2))
    w("elf-shentsize.ko", patched(base, 0x3A, "<H", 40))
    # (e_shstrndx 0 or past e_shnum are left out: kmod 30 fails an assertion and aborts)
    w("elf-shoff-past-end.ko", patched(base, 0x28, "<Q", len(base)))
    at, off, size = section_header(base, ".modinfo")
    w("elf-modinfo-offset-past-end.ko", patched(base, at + 0x18, "<Q", len(base) + 16))
    # (a .modinfo of size 0 starting exactly at the end of the file is left out too: assertion)
    name_at = base.index(b".modinfo\0")
    w("elf-no-modinfo.ko", base[:name_at] + b".modinfX" + base[name_at + 8:])
    shstr_at, shstr_off, shstr_size = section_header(base, ".shstrtab")
    b = bytearray(base)
    b[shstr_off + shstr_size - 1] = ord("x")
    w("elf-shstrtab-unterminated.ko", bytes(b))
    w("not-elf.ko", b"This is not an ELF file at all, just text.\n")


# --- record ---------------------------------------------------------------------------------

def module_files() -> list[str]:
    fixtures = sorted(ROOT.glob("testdata/*/*/*.ko"))
    samples = sorted(p for p in SAMPLES.iterdir() if p.is_file())
    return [rel(p) for p in fixtures if "modinfo" not in p.parts] + [rel(p) for p in samples]


def record() -> None:
    cases = []
    files = module_files()
    for f in files:
        for v in VARIANTS:
            cases.append([*v, f])
    # several files in one run, a failing one in the middle; names that are no files
    cases.append(["testdata/x86_64/hello/hello.ko", "testdata/modinfo/samples/truncated-16.ko",
                  "testdata/modinfo/samples/params-signed.ko"])
    cases.append(["-k", "0.0.0-no-such-release", "testdata/modinfo/samples/no-such-file.ko"])
    cases.append(["-k", "0.0.0-no-such-release", "testdata/modinfo"])
    cases.append(["-F", "filename", "-0", "testdata/modinfo/samples/not-elf.ko"])
    cases.append(["-a", "-d", "testdata/x86_64/params/params.ko"])
    cases.append(["-d", "-F", "author", "testdata/x86_64/params/params.ko"])
    cases.append(["testdata/x86_64/hello/hello.ko", "-F", "name", "testdata/riscv64/hello/hello.ko"])
    cases.append(["-0", "--", "-no-such-module.ko"])
    cases.append([])
    env = dict(os.environ, PWD=str(ROOT), LC_ALL="C")
    root = str(ROOT).encode()
    out = []
    for args in cases:
        p = subprocess.run(["modinfo", *args], cwd=ROOT, env=env, capture_output=True)
        out.append({
            "args": args,
            "sha256": {a: hashlib.sha256((ROOT / a).read_bytes()).hexdigest()
                       for a in args if (ROOT / a).is_file()},
            "stdout": p.stdout.replace(root, b"@ROOT@").decode("latin-1"),
            "stderr": p.stderr.replace(root, b"@ROOT@").decode("latin-1"),
            "status": p.returncode,
        })
    version = subprocess.run(["modinfo", "--version"], capture_output=True, text=True).stdout
    doc = {"about": "real kmod modinfo outputs; regenerate with testdata/modinfo/regen.sh",
           "modinfo_version": version.splitlines(), "cases": out}
    (HERE / "expected.json").write_text(json.dumps(doc, indent=1) + "\n")
    print(f"recorded {len(out)} modinfo runs over {len(files)} files")


if __name__ == "__main__":
    steps = sys.argv[1:] or ["samples", "record"]
    for step in steps:
        {"samples": make_samples, "record": record}[step]()
