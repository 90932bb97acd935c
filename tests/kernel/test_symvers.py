"""Module.symvers reading and writing, checked against what the real 6.1 modpost does."""

from __future__ import annotations

import base64
import glob
import json
import lzma
from pathlib import Path

import pytest

from pymodpost.kernel.symvers import (PARSE_ERROR, SymversEntry, SymversParseError, UnknownExportType,
                                      format_symvers, parse_symvers, read_symvers)
from tests.conftest import TESTDATA, require

RECORDED = Path(__file__).resolve().parent.parent / "modpost" / "real_cases" / "symvers.recorded.json"


def _dump_only_cases():
    cases = json.loads(RECORDED.read_text())
    for name, case in sorted(cases.items()):
        if list(case["inputs"]) == ["a.symvers"]:
            yield name, base64.b64decode(case["inputs"]["a.symvers"]), case["stderr"]


@pytest.mark.parametrize("name,data,stderr", list(_dump_only_cases()), ids=lambda v: v if isinstance(v, str) else "")
def test_parse_agrees_with_real_modpost(name, data, stderr):
    fatal = f"FATAL: modpost: {PARSE_ERROR}\n"
    if stderr == fatal:
        with pytest.raises(SymversParseError):
            parse_symvers(data)
        return
    rows = parse_symvers(data)
    unknown = "".join(f"ERROR: modpost: {r.message}" for r in rows if isinstance(r, UnknownExportType))
    # everything else the real tool said about these dumps is about duplicate exports
    assert stderr.startswith(unknown)


def test_values_follow_strtoul():
    rows = parse_symvers(b"0x123456789\ta\tm\tEXPORT_SYMBOL\t\n-1\tb\tm\tEXPORT_SYMBOL_GPL\tNS\n"
                         b"\tc\tm\tEXPORT_SYMBOL\t\n 0x1\td\tm\tEXPORT_SYMBOL\tA\tB\n")
    assert [(r.crc, r.symbol, r.gpl_only, r.namespace) for r in rows] == [
        (0x23456789, "a", False, ""), (0xFFFFFFFF, "b", True, "NS"), (0, "c", False, ""), (1, "d", False, "A\tB")]


def _real_symvers_files():
    files = sorted(glob.glob(str(TESTDATA / "kernels" / "*" / "Module.symvers*")))
    files += sorted(glob.glob(str(TESTDATA / "*" / "*" / "Module.symvers")))
    return files


def _load(path: str) -> bytes:
    data = Path(path).read_bytes()
    return lzma.decompress(data) if path.endswith(".xz") else data


def test_round_trip_of_real_files():
    files = _real_symvers_files()
    require(bool(files), "no Module.symvers committed under testdata/ yet")
    for path in files:
        data = _load(path)
        rows = parse_symvers(data, path)
        assert all(isinstance(r, SymversEntry) for r in rows)
        assert format_symvers(rows).encode() == data, path


@pytest.mark.kbuild
def test_round_trip_of_installed_headers():
    found = sorted(glob.glob("/usr/src/linux-headers-*-amd64/Module.symvers"))
    require(bool(found), "Debian linux-headers-amd64 not installed")
    rows = read_symvers(found[0])
    assert len(rows) > 20000
    assert format_symvers(rows).encode() == Path(found[0]).read_bytes()
