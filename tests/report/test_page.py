"""The HTML report, read back as HTML: every picture is drawn from the stage data it was given.

Each bundled example (both architectures, every supported kernel) is walked and drawn; the
report's arrows, sections, ticks and flows are then compared with the walk's own data (the
same dicts ``walk --json`` prints), and the geometry with the addresses.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys

import pytest

from pymodpost.bundled import bundled_fixture
from pymodpost.report.page import report_walk, walk_report
from tests.conftest import ROOT, TESTDATA
from tests.report.report_html import parse

KERNELS = ("6.1", "6.12", "7.3")
ARCHES = ("x86_64", "riscv64")


@pytest.fixture(scope="module", params=[(k, a) for k in KERNELS for a in ARCHES], ids=lambda p: f"{p[1]}-{p[0]}")
def report(request, tmp_path_factory):
    kernel, arch = request.param
    obj = bundled_fixture(kernel, arch, "params") / "params.o"
    doc, page = report_walk(obj, tmp_path_factory.mktemp("walk"), kernel)
    return doc, page, parse(page)


def stage(doc: dict, name: str) -> dict:
    return next(s for s in doc["stages"] if s["name"] == name)["data"]


def test_every_relocation_applied_is_one_arrow(report):
    doc, _, html = report
    relocations = stage(doc, "load")["relocations"]
    assert len(relocations) > 50
    arrows = html.having("data-reloc", "path")
    assert [a["data-reloc"] for a in arrows] == [f"{r['section']}#{r['index']}" for r in relocations]
    assert html.relocations() == relocations  # the details the page shows on hover are the stage's


def test_arrows_run_from_the_place_patched_to_the_symbol(report):
    doc, _, html = report
    load = stage(doc, "load")
    y = address_to_y(html)
    kernel_boxes = {int(g["data-addr"], 16): g for g in html.having("data-symbol", "g")}
    for arrow, r in zip(html.having("data-reloc", "path"), load["relocations"]):
        points = [float(v) for v in re.findall(r"-?\d+(?:\.\d+)?", arrow["d"])]
        start_y, end_y = points[1], points[-1]
        assert start_y == pytest.approx(y(int(r["P"], 16)), abs=0.01)
        s = int(r["S"], 16)
        if s in kernel_boxes:  # a kernel symbol: off to the side, named
            assert "to-kernel" in arrow["class"] and kernel_boxes[s]["data-symbol"] == r["symbol"]
        else:
            assert end_y == pytest.approx(y(s), abs=0.01)


def address_to_y(html):
    """The memory map's axis as a function: an address -> its y, from the drawn ticks only."""
    ticks = []
    for i, e in enumerate(html.elements):
        if e["tag"] == "g" and "tick" in e.get("class", "").split():
            line = html.elements[i + 1]
            ticks.append((int(e["data-addr"], 16), float(line["y1"])))
    assert len(ticks) >= 4
    ticks.sort()

    def y(address: int) -> float:
        for (a0, y0), (a1, y1) in zip(ticks, ticks[1:]):
            if a0 <= address < a1 and y1 - y0 < (a1 - a0) * 1:  # within one allocation
                return y0 + (address - a0) * (y1 - y0) / (a1 - a0)
        raise AssertionError(f"{address:#x} is on no axis")
    return y


def test_sections_are_drawn_at_their_addresses_and_to_scale(report):
    doc, _, html = report
    load = stage(doc, "load")
    y = address_to_y(html)
    drawn = {e["data-section"]: e for e in html.having("data-section", "rect")}
    scale = None
    for sec in load["layout"]:
        rect = drawn[sec["section"]]
        assert int(rect["data-addr"], 16) == int(sec["address"], 16)
        assert float(rect["y"]) == pytest.approx(y(int(sec["address"], 16)), abs=0.01)
        assert rect["data-permission"] == sec["permission"] and f"perm-{sec['permission']}" in rect["class"]
        ratio = float(rect["height"]) / sec["size"] if sec["size"] else 0
        if float(rect["height"]) > 2:  # one scale for every section (tiny ones are drawn at least 0.8 px)
            scale = scale or ratio
            assert ratio == pytest.approx(scale, rel=0.01)


def test_permissions_are_the_loaders(report):
    doc, _, _ = report
    load = stage(doc, "load")
    permission = {s["section"]: s["permission"] for s in load["layout"]}
    assert permission[".init.text"] == "init" and permission[".exit.text"] == "text"
    assert permission["__param"] == "rodata" and permission[".gnu.linkonce.this_module"] == "data"


def test_link_picture_has_one_flow_per_placement(report):
    doc, _, html = report
    placement = stage(doc, "link")["placement"]
    flows = html.having("data-flow", "path")
    assert [f["data-flow"] for f in flows] == [f"{p['input']} -> {p['output']}+{p['offset']}" for p in placement]
    boxes = {e["data-section"] for e in html.having("data-section", "rect")}
    assert {p["input"] for p in placement} <= boxes and {p["output"] for p in placement} <= boxes


def test_stages_checks_and_mod_c(report):
    doc, page, html = report
    verdicts = {e["data-stage-verdict"]: e["class"] for e in html.having("data-stage-verdict")}
    assert verdicts == {s["name"]: "ok" if s["ok"] else "failed" for s in doc["stages"]}
    assert [e["data-alias"] for e in html.having("data-alias")] == ["init_module", "cleanup_module"]
    release = doc["kernel"].split("/")[0] if "/" in doc["kernel"] else "6.1"  # x86_64, 6.12/x86_64 ...
    assert doc["linux"] == release and f"Linux <b>{release}</b>" in page
    assert "module_init(params_init)" in page
    checks = [e for e in html.elements if e["tag"] == "tr" and e.get("class") in ("ok", "failed")]
    assert len(checks) == len(stage(doc, "modpost")["checks"])
    # the .mod.c: each line of the stage's data, highlighted by Pygments, with its note
    lines = stage(doc, "mod.c")["lines"]
    assert len([e for e in html.elements if e.get("class") == "src"]) == len(lines)
    assert [e for e in html.having("data-compared")][0]["data-compared"] == "identical"
    for imported in stage(doc, "modpost")["imports"]:
        assert imported["crc"] in page


def test_the_page_is_self_contained(report):
    _, page, html = report
    assert not [e for e in html.elements if e["tag"] in ("link", "img", "iframe")]
    assert not [e for e in html.elements if e["tag"] == "script" and "src" in e]
    assert not re.search(r"""(?:src|href)=["']?(?:https?:)?//""", page)
    assert "@media (prefers-color-scheme: dark)" in page


def test_names_from_the_module_are_text_not_markup(tmp_path):
    obj = bundled_fixture("6.1", "x86_64", "params") / "params.o"
    doc, _ = report_walk(obj, tmp_path)
    stage(doc, "object")["modinfo"].append(["author", "<script>alert(1)</script>"])
    page = walk_report(doc)
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_a_refused_load_is_drawn_where_it_stopped(tmp_path):
    # Linux 6.1's riscv loader has no handler for R_RISCV_32_PCREL (.eh_frame): the real kernel refused it
    doc, page = report_walk(TESTDATA / "riscv64" / "eh_frame" / "eh_frame.o", tmp_path)
    html = parse(page)
    load = stage(doc, "load")
    assert load["ok"] is False and load["refused_in"] == {"section": ".rela.eh_frame", "target": ".eh_frame"}
    assert [e["data-refusal"] for e in html.having("data-refusal", "g")] == [".rela.eh_frame"]
    assert [e["data-refused"] for e in html.having("data-refused")] == ["EINVAL"]
    assert "Unknown relocation type 57" in page
    # what was applied before the refusal is drawn too
    assert len(html.having("data-reloc", "path")) == len(load["relocations"]) > 0


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pymodpost", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=300)


def test_cli_walk_demo_and_diff_write_pages(tmp_path):
    out = run("walk", str(TESTDATA / "x86_64" / "params" / "params.o"), "--html", str(tmp_path / "w.html"))
    assert out.returncode == 0, out.stderr
    assert parse((tmp_path / "w.html").read_text()).having("data-reloc")
    out = run("demo", "--arch", "riscv64", "--kernel", "7.3", "--html", str(tmp_path / "demo"))
    assert out.returncode == 0, out.stderr
    assert [p.name for p in (tmp_path / "demo").iterdir()] == ["params-riscv64-7.3.html"]
    ko = TESTDATA / "x86_64" / "params" / "params.ko"
    same = run("diff", str(ko), str(ko), "--html", str(tmp_path / "same.html"))
    assert same.returncode == 0 and 'data-verdict="identical"' in (tmp_path / "same.html").read_text()
    other = TESTDATA / "x86_64" / "hello" / "hello.ko"
    differs = run("diff", str(ko), str(other), "--html", str(tmp_path / "d.html"))
    page = (tmp_path / "d.html").read_text()
    assert differs.returncode == 1 and 'data-verdict="different"' in page
    plain = run("diff", str(ko), str(other)).stdout.splitlines()
    assert len(parse(page).having("data-difference")) == len(plain)


def test_cli_bad_input_is_one_error_line(tmp_path):
    bad = tmp_path / "bad.o"
    bad.write_bytes(b"not an object")
    out = run("walk", str(bad), "--html", str(tmp_path / "r.html"))
    assert out.returncode != 0 and "Traceback" not in out.stderr
    assert len(out.stderr.strip().splitlines()) == 1 and str(bad) in out.stderr
    assert not (tmp_path / "r.html").exists()


def test_modpost_is_compared_with_kbuilds_module_symvers(tmp_path):
    kbuild = tmp_path / "exports"
    shutil.copytree(TESTDATA / "x86_64" / "exports", kbuild)
    doc, page = report_walk(kbuild / "exports.o", tmp_path / "walk")
    assert stage(doc, "modpost")["symvers_identical_to_reference"] is True
    assert 'data-compared="identical"' in page
    # a CRC kbuild's modpost wrote differently: the page says so
    symvers = kbuild / "Module.symvers"
    symvers.write_text(symvers.read_text().replace("0xd288583f", "0xd288583e"))
    doc, page = report_walk(kbuild / "exports.o", tmp_path / "walk-again")
    assert stage(doc, "modpost")["symvers_identical_to_reference"] is False
    assert 'data-compared="differs"' in page and "DIFFERS" in page


@pytest.mark.parametrize("command", [
    ["walk", str(TESTDATA / "x86_64" / "params" / "params.o"), "--html", "{missing}/r.html"],
    ["diff", str(TESTDATA / "x86_64" / "params" / "params.ko"), str(TESTDATA / "x86_64" / "hello" / "hello.ko"),
     "--html", "{missing}/r.html"],
    ["demo", "--arch", "x86_64", "--html", "{file}"],
])
def test_an_output_that_cannot_be_written_is_one_error_line(command, tmp_path):
    (tmp_path / "file").write_text("a file, not a directory")
    args = [a.format(missing=tmp_path / "missing", file=tmp_path / "file") for a in command]
    out = run(*args)
    assert out.returncode == 1 and "Traceback" not in out.stderr and out.stdout == ""
    assert len(out.stderr.strip().splitlines()) == 1 and str(tmp_path) in out.stderr


def test_ids_are_unique(report):
    _, _, html = report
    ids = [e["id"] for e in html.elements if "id" in e]
    assert len(ids) == len(set(ids))
