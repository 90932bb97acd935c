"""The newc writer, checked by GNU cpio reading what it wrote."""

from __future__ import annotations

import re
import subprocess

import pytest

from pymodpost.harness.cpio import CpioEntry, newc_archive
from tests.conftest import require_programs

ENTRIES = [
    CpioEntry.file("init", b"#!/bin/sh\necho hi\n", 0o755),
    CpioEntry.directory("dev"),
    CpioEntry.char_device("dev/console", 5, 1),
    CpioEntry.directory("harness"),
    # lengths 0..4 exercise every padding case of name and data
    CpioEntry.file("harness/a", b""),
    CpioEntry.file("harness/bb", b"x"),
    CpioEntry.file("harness/ccc", b"xy"),
    CpioEntry.file("harness/dddd", b"xyz"),
    CpioEntry.file("harness/eeeee", b"wxyz"),
    CpioEntry.symlink("harness/link", "eeeee"),
    CpioEntry.file("harness/caf\xe9-\udcff", b"bytes survive"),
]


def cpio(args: list[str], archive: bytes, cwd=None) -> str:
    proc = subprocess.run(["cpio", "--quiet", *args], input=archive, capture_output=True, cwd=cwd)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.decode("utf-8", "surrogateescape")


def test_cpio_lists_every_member_with_type_mode_and_device():
    require_programs("cpio")
    archive = newc_archive(ENTRIES)
    assert cpio(["-it"], archive).splitlines() == [e.name for e in ENTRIES]
    listing = cpio(["-itv"], archive).splitlines()
    modes = [line.split()[0] for line in listing]
    assert modes[:4] == ["-rwxr-xr-x", "drwxr-xr-x", "crw-------", "drwxr-xr-x"]
    assert modes[9] == "lrwxrwxrwx" and listing[9].endswith("harness/link -> eeeee")
    # GNU cpio shows a device's major and minor where a file's size would be
    assert re.search(r"\b5,\s+1\b", listing[2])


def test_cpio_extracts_the_same_bytes(tmp_path):
    require_programs("cpio")
    files = [e for e in ENTRIES if e.name != "dev/console"]
    cpio(["-idm", "--no-absolute-filenames"], newc_archive(files), cwd=tmp_path)
    for entry in files:
        path = tmp_path / entry.name
        if entry.mode & 0o170000 == 0o100000:
            assert path.read_bytes() == entry.data
            assert path.stat().st_mode & 0o777 == entry.mode & 0o777
    assert (tmp_path / "harness/link").readlink().name == "eeeee"


def test_members_are_four_byte_aligned_and_end_with_the_trailer():
    archive = newc_archive(ENTRIES)
    assert len(archive) % 4 == 0
    offset = 0
    names = []
    while True:
        assert archive[offset:offset + 6] == b"070701"
        fields = [int(archive[offset + 6 + 8 * i: offset + 14 + 8 * i], 16) for i in range(13)]
        filesize, namesize = fields[6], fields[11]
        name_end = offset + 110 + namesize
        names.append(archive[offset + 110: name_end - 1])
        data = (name_end + 3) & ~3
        offset = (data + filesize + 3) & ~3
        if names[-1] == b"TRAILER!!!":
            break
    assert offset == len(archive)
    assert len(names) == len(ENTRIES) + 1


def test_a_value_too_big_for_newc_is_refused():
    with pytest.raises(ValueError, match="does not fit"):
        newc_archive([CpioEntry.char_device("dev/huge", 1 << 32, 0)])
