"""Unpacking the x86_64 bzImage for a PVH boot, on Debian's real kernel image."""

from __future__ import annotations

import os

import pytest

from pymodpost.harness import HarnessError, LoadStep, boot_and_load
from pymodpost.harness.kernels import default_kernel
from pymodpost.harness.pvh import bzimage_payload, decompress, has_pvh_entry, pvh_vmlinux
from tests.conftest import TESTDATA, require
from tests.harness.test_boot import params_ko, require_kernel


def debian_bzimage() -> str:
    try:
        kernel = default_kernel("x86_64")
    except HarnessError as e:
        require(False, str(e))
    require(os.path.isfile(kernel), f"{kernel}: not found")
    return kernel


@pytest.mark.qemu
def test_debian_kernel_unpacks_to_a_pvh_vmlinux_once(tmp_path, monkeypatch):
    monkeypatch.setenv("PYMODPOST_CACHE", str(tmp_path))
    bzimage = debian_bzimage()
    payload = bzimage_payload(open(bzimage, "rb").read())
    assert payload is not None and payload[:6] == b"\xfd7zXZ\0"  # Debian compresses with xz
    path = pvh_vmlinux(bzimage)
    assert path is not None and path.startswith(str(tmp_path))
    with open(path, "rb") as f:
        head = f.read(4)
    assert head == b"\x7fELF"
    mtime = os.stat(path).st_mtime_ns
    assert pvh_vmlinux(bzimage) == path and os.stat(path).st_mtime_ns == mtime  # cached


def test_what_is_not_a_bzimage_or_has_no_pvh_entry_is_left_alone(tmp_path, monkeypatch):
    monkeypatch.setenv("PYMODPOST_CACHE", str(tmp_path))
    ko = TESTDATA / "x86_64" / "params" / "params.ko"
    assert bzimage_payload(ko.read_bytes()) is None
    assert not has_pvh_entry(ko.read_bytes())  # an ELF, but no PT_NOTE with Xen's entry
    assert pvh_vmlinux(str(ko)) is None
    assert (tmp_path / "harness").is_dir()  # the refusal is remembered
    assert decompress(b"not compressed") is None
    assert decompress(b"\xfd7zXZ\0 truncated") is None


@pytest.mark.qemu
def test_the_bzimage_itself_still_boots():
    require_kernel("x86_64")
    result = boot_and_load("x86_64", [LoadStep(params_ko("x86_64"), ["count=5"])], pvh=False,
                           module_symbols=False, timeout=300)
    assert result.steps[0].ok and result.steps[0].unload.ok
    assert "params: count=5 " in result.steps[0].log
