"""``pymodpost explain`` knows every message the real modpost of each modelled kernel printed for
the committed fixtures, and says which kernels word it that way: a line pasted from a 7.3 build
log is recognised as 7.3's, one from 6.1 as 6.1's."""

from __future__ import annotations

import json
import lzma

import pytest

from pymodpost.cli.main import main
from pymodpost.explain.explain import clean, explain_message
from pymodpost.explain.messages import ENTRIES
from pymodpost.modpost.messages import STYLES
from tests.fixtures import fixture_dir, kernel_arches, pair_id
from tests.conftest import TESTDATA


def _stderr_lines(kernel: str, arch: str) -> list[str]:
    lines = []
    for path in sorted(fixture_dir(kernel, arch).glob("*/modpost.stderr")):
        lines += [clean(line) for line in path.read_text().splitlines() if clean(line)]
    return lines


@pytest.mark.parametrize("pair", kernel_arches(), ids=pair_id)
def test_every_real_modpost_message_is_known_as_its_kernels(pair):
    kernel, arch = pair
    lines = _stderr_lines(kernel, arch)
    assert len(lines) > 10
    for line in lines:
        exp = explain_message(line)
        assert exp.known, f"{pair_id(pair)}: {line}"
        assert exp.meaning and exp.fix and "{" not in exp.meaning + exp.fix, line
        assert not exp.kernels or kernel in exp.kernel_versions, (line, exp.kernels)


def test_the_wording_tells_the_kernels_apart():
    # the same undefined symbol, as each kernel's modpost printed it for the same fixture
    by_kernel = {}
    for kernel in ("6.1", "6.12", "7.3"):
        text = (fixture_dir(kernel, "x86_64") / "unresolved" / "modpost.stderr").read_text()
        by_kernel[kernel] = next(line for line in text.splitlines() if "pm_nobody_defines_this" in line)
    versions = {k: explain_message(line).kernel_versions for k, line in by_kernel.items()}
    assert versions == {"6.1": ["6.1", "6.12"], "6.12": ["6.1", "6.12"], "7.3": ["7.3"]}
    # 6.7's section checks print symbol+offset; 6.1 the symbol alone
    for kernel in ("6.1", "6.12", "7.3"):
        text = (fixture_dir(kernel, "x86_64") / "mismatch" / "modpost.stderr").read_text()
        line = next(line for line in text.splitlines() if "section mismatch in reference" in line)
        exp = explain_message(line)
        assert exp.entry.key == "section-mismatch" and exp.kernel_versions == [kernel]
        assert "+" not in exp.groups["fromsym"]


def test_a_fatal_is_six_one():
    exp = explain_message('FATAL: modpost: "pm_x" [drivers/foo/bar.ko] undefined!')
    assert exp.kernel_versions == ["6.1"]


def test_every_message_modpost_prints_has_an_explanation():
    keys = {key for texts in STYLES.values() for key in texts}
    for key in keys:
        for style, texts in STYLES.items():
            if key not in texts:
                continue
            sample = texts[key].split("\n")[0].format(name="drivers/foo/bar", base="bar", file="drivers/foo/bar.o",
                                                      shown="drivers/foo/bar.ko", sym="pm_sym", ns="PM_NS",
                                                      prev="vmlinux")
            exp = explain_message(f"WARNING: modpost: {sample}")
            assert exp.known, (style, key, sample)
            assert all(e.key != exp.entry.key or e is exp.entry for e in ENTRIES)


def test_the_command_names_the_kernels(capsys):
    line = (fixture_dir("7.3", "x86_64") / "module_ns_denied" / "modpost.stderr").read_text().splitlines()[0]
    assert main(["explain", line]) == 0
    out = capsys.readouterr().out
    assert "[module-namespace-import]" in out and "(as Linux 7.3 print it)" in out
    assert main(["explain", "--json", line]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc[0]["kernels"] == ["7.3"] and doc[0]["details"]["namespace"] == "module:modns_friend"


#: the real kernels' captures (testdata/load/): 6.1's at the top, the later ones per kernel
CAPTURES = [("6.1", "x86_64", "x86_64/oracle.json.xz"), ("6.1", "riscv64", "riscv64/oracle.json.xz")] + [
    (kernel, arch, f"{kernel}/{arch}/oracle.json.xz") for kernel in ("6.12", "7.3") for arch in ("x86_64", "riscv64")]
#: lines other parts of the kernel printed while the capture ran (the clock settling)
NOT_THE_LOADER = ("tsc: ", "clocksource: ")


@pytest.mark.parametrize("kernel, arch, capture", CAPTURES, ids=[c[2] for c in CAPTURES])
def test_every_refusal_a_real_kernel_printed_is_known_as_its_kernels(kernel, arch, capture):
    """Every line the real kernel logged while refusing a damaged module (and tainting for it)."""
    oracle = json.loads(lzma.decompress((TESTDATA / "load" / capture).read_bytes()))
    assert oracle["arch"] == arch
    lines = [clean(m) for e in oracle["modules"] if e["path"].startswith("damaged:") and e["ret"] != 0
             for m in e["messages"]]
    lines = [line for line in lines if line and not line.startswith(NOT_THE_LOADER)]
    assert len(lines) > 8
    for line in lines:
        exp = explain_message(line)
        assert exp.known, f"{capture}: {line}"
        assert "{" not in exp.meaning + exp.fix, line
        assert not exp.kernels or kernel in exp.kernel_versions, (line, exp.kernels)

