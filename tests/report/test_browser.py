"""The report in a real browser: Debian's chromium, headless, driven by Playwright.

Each bundled example's report (both arches, every supported kernel) opens with no console error,
and what the browser drew is the stage data: one visible arrow per relocation applied, each
from its P to its S on the drawn axis, each section at its address; hovering an arrow shows that
relocation.  The screenshots in docs/report/ are taken here (``docs/report/regen.sh`` runs this).
A real module with over 5,000 relocations, built by kbuild, opens and answers within bounds.
"""

from __future__ import annotations

import shutil
import time

import pytest

from pymodpost.bundled import bundled_fixture
from pymodpost.fileio import write_atomic
from pymodpost.report.page import report_walk
from tests.conftest import ROOT, require, require_programs
from tests.report import many_relocations

KERNELS = ("6.1", "6.12", "7.3")
ARCHES = ("x86_64", "riscv64")
SCREENSHOTS = ROOT / "docs" / "report"
#: the pictures docs/tutorial.md shows: (arch, kernel) -> [(file, colour scheme, width, what)]
SHOTS = {
    ("x86_64", "6.1"): [("memory-map-x86_64-6.1.png", "light", 1280, ".map-wrap")],
    ("riscv64", "7.3"): [("link-riscv64-7.3-dark.png", "dark", 1280, "#stage-link figure.picture")],
    ("x86_64", "6.12"): [("phone-x86_64-6.12.png", "light", 390, None)],
}
SHOT_HEIGHT = 640
LOAD_BOUND_S = 5.0  # opening the 5,000-relocation report, to the load event
RESPONSE_BOUND_MS = 250.0  # a hover or a selection, to the second frame after it


@pytest.fixture(scope="module")
def browser():
    chromium = shutil.which("chromium")
    require(chromium is not None, "not installed: chromium (Debian's package; the browser tier)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        require(False, "not installed: playwright (the test extra)")
    with sync_playwright() as playwright:
        # root (CI) cannot use chromium's sandbox; the page is our own file
        launched = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        yield launched
        launched.close()


def open_page(browser, path, width: int = 1280, scheme: str = "light"):
    page = browser.new_page(viewport={"width": width, "height": 900}, color_scheme=scheme)
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    started = time.perf_counter()
    page.goto(path.as_uri())
    return page, errors, time.perf_counter() - started


#: what the browser drew: ticks, sections and arrows, in screen coordinates
DRAWN = """() => {
  const svg = document.querySelector("svg.memory-map");
  const top = (e) => e.getBoundingClientRect().top;
  const screen = (path, at) => {
    const p = path.getPointAtLength(at).matrixTransform(path.getScreenCTM());
    return [p.x, p.y];
  };
  return {
    ticks: [...svg.querySelectorAll("g.tick")].map(g => [g.dataset.addr, top(g.querySelector("line"))]),
    sections: [...svg.querySelectorAll("rect[data-section]")].map(r => [r.dataset.section, r.dataset.addr, top(r)]),
    arrows: [...svg.querySelectorAll("path[data-reloc]")].map(p => {
      const box = p.getBoundingClientRect();
      return {reloc: p.dataset.reloc, i: +p.dataset.i, visible: box.width > 0 || box.height > 0,
              start: screen(p, 0), end: screen(p, p.getTotalLength()), kernel: p.classList.contains("to-kernel")};
    }),
    flows: document.querySelectorAll("svg.link-picture path[data-flow]").length,
  };
}"""


def axis(ticks: list) -> callable:
    """An address -> its drawn y, interpolated between the drawn ticks of its allocation."""
    points = sorted((int(a, 16), y) for a, y in ticks)

    def y_of(address: int) -> float:
        for (a0, y0), (a1, y1) in zip(points, points[1:]):
            if a0 <= address < a1 and y1 - y0 < (a1 - a0):  # not across the gap between allocations
                return y0 + (address - a0) * (y1 - y0) / (a1 - a0)
        raise AssertionError(f"{address:#x} is on no drawn axis")
    return y_of


def check_drawn(page, doc: dict) -> dict:
    stages = {s["name"]: s["data"] for s in doc["stages"]}
    load, placement = stages["load"], stages["link"]["placement"]
    page.evaluate("document.querySelectorAll('details.stage').forEach(d => d.open = true)")
    drawn = page.evaluate(DRAWN)
    y_of = axis(drawn["ticks"])
    # the memory map: each section at its address on the axis
    layout = {s["section"]: s for s in load["layout"]}
    assert sorted(name for name, _, _ in drawn["sections"] if name in layout) == sorted(layout)
    for name, addr, top in drawn["sections"]:
        if name in layout:
            assert int(addr, 16) == int(layout[name]["address"], 16)
            assert top == pytest.approx(y_of(int(addr, 16)), abs=0.6), name
    # one visible arrow per relocation applied, from P to S (to the kernel's side when S is outside)
    relocations = load["relocations"]
    assert len(drawn["arrows"]) == len(relocations) and all(a["visible"] for a in drawn["arrows"])
    for arrow, r in zip(drawn["arrows"], relocations):
        assert arrow["reloc"] == f"{r['section']}#{r['index']}"
        assert arrow["start"][1] == pytest.approx(y_of(int(r["P"], 16)), abs=0.6)
        if not arrow["kernel"]:
            assert arrow["end"][1] == pytest.approx(y_of(int(r["S"], 16)), abs=0.6)
    assert drawn["flows"] == len(placement)
    return drawn


def hover_shows_the_relocation_under_the_pointer(page, doc: dict, drawn: dict) -> None:
    relocations = next(s for s in doc["stages"] if s["name"] == "load")["data"]["relocations"]
    for arrow in (drawn["arrows"][0], next(a for a in drawn["arrows"] if a["kernel"])):
        page.locator(f'path[data-i="{arrow["i"]}"]').scroll_into_view_if_needed()
        x, y = page.evaluate("""(i) => {
          const p = document.querySelector(`path[data-i="${i}"]`);
          const q = p.getPointAtLength(p.getTotalLength() * 0.5).matrixTransform(p.getScreenCTM());
          return [q.x, q.y];
        }""", arrow["i"])
        page.mouse.move(x, y)
        under = page.evaluate("([x, y]) => document.elementFromPoint(x, y).dataset.i", [x, y])
        assert under is not None, "no arrow under the pointer"
        shown = page.locator("#reloc-detail").inner_text()
        r = relocations[int(under)]
        for key in ("type", "formula", "S", "A", "P", "before", "after"):
            assert r[key] in shown
    # a row of the table selects its arrow
    page.locator('#load-relocations tr[data-reloc-row="1"]').click()
    assert "sel" in page.locator('path[data-i="1"]').get_attribute("class")
    assert relocations[1]["P"] in page.locator("#reloc-detail").inner_text()


@pytest.mark.parametrize("kernel", KERNELS)
@pytest.mark.parametrize("arch", ARCHES)
def test_report_in_a_browser(browser, arch, kernel, tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)  # the page names the object as given: relative, the same on every machine
    obj = (bundled_fixture(kernel, arch, "params") / "params.o").relative_to(ROOT)
    doc, html = report_walk(obj, tmp_path / "walk", kernel)
    path = tmp_path / "report.html"
    write_atomic(path, html)
    page, errors, _ = open_page(browser, path)
    drawn = check_drawn(page, doc)
    hover_shows_the_relocation_under_the_pointer(page, doc, drawn)
    assert errors == []
    page.close()
    # a phone's width: the page itself never scrolls sideways (wide pictures and tables scroll in
    # their own boxes); dark mode: the colours follow prefers-color-scheme
    for width, scheme in ((390, "light"), (390, "dark"), (1280, "dark")):
        page, errors, _ = open_page(browser, path, width, scheme)
        page.evaluate("document.querySelectorAll('details.stage').forEach(d => d.open = true)")
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        background = page.evaluate("getComputedStyle(document.body).backgroundColor")
        red, green, blue = (int(v) for v in background[background.index("(") + 1:-1].split(",")[:3])
        assert (red + green + blue < 150) == (scheme == "dark"), background
        assert errors == []
        page.close()
    for name, scheme, width, selector in SHOTS.get((arch, kernel), ()):
        shot, errors, _ = open_page(browser, path, width, scheme)
        if selector is None:
            shot.screenshot(path=str(SCREENSHOTS / name))
        else:
            shot.evaluate("document.querySelectorAll('details.stage').forEach(d => d.open = true)")
            if ".map-wrap" in selector:  # with a relocation selected: its details beside the map
                shot.locator('#load-relocations tr[data-reloc-row="0"]').click()
            box = shot.evaluate("""(selector) => {
              const element = document.querySelector(selector);
              element.scrollIntoView();
              const r = element.getBoundingClientRect();
              return {x: r.x, y: r.y, width: r.width, height: r.height};
            }""", selector)
            shot.screenshot(path=str(SCREENSHOTS / name),  # at most SHOT_HEIGHT px high: small files
                            clip={**box, "height": min(box["height"], SHOT_HEIGHT)})
        assert errors == []
        shot.close()


@pytest.mark.kbuild
def test_a_module_with_thousands_of_relocations_stays_responsive(browser, tmp_path):
    from tests.x86_kernels import pinned_x86_tree

    require_programs("make", "gcc")
    obj = many_relocations.build(pinned_x86_tree("6.1"), tmp_path / "module")
    doc, html = report_walk(obj, tmp_path / "walk")
    assert all(s["ok"] for s in doc["stages"]), [s["name"] for s in doc["stages"] if not s["ok"]]
    relocations = next(s for s in doc["stages"] if s["name"] == "load")["data"]["relocations"]
    assert len(relocations) >= 5000
    path = tmp_path / "many.html"
    write_atomic(path, html)
    page, errors, load_seconds = open_page(browser, path)
    assert load_seconds < LOAD_BOUND_S, f"the report took {load_seconds:.2f} s to load"
    drawn = check_drawn(page, doc)
    respond = """async (i) => {
      const p = document.querySelector(`path[data-i="${i}"]`);
      const frames = () => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
      await frames();
      let t = performance.now();
      p.dispatchEvent(new MouseEvent("mouseover", {bubbles: true}));
      await frames();
      const hover = performance.now() - t;
      t = performance.now();
      p.dispatchEvent(new MouseEvent("click", {bubbles: true}));
      await frames();
      return [hover, performance.now() - t, document.getElementById("reloc-detail").dataset.shown];
    }"""
    responses = []
    for arrow in (drawn["arrows"][0], drawn["arrows"][len(relocations) // 2], drawn["arrows"][-1]):
        hover_ms, select_ms, shown = page.evaluate(respond, arrow["i"])
        assert int(shown) == arrow["i"]
        assert hover_ms < RESPONSE_BOUND_MS and select_ms < RESPONSE_BOUND_MS, (hover_ms, select_ms)
        responses += [hover_ms, select_ms]
    # the filter searches every relocation, however few rows are drawn
    started = time.perf_counter()
    page.fill("#relocations-filter", relocations[-1]["P"])
    rows = page.locator("#load-relocations tbody tr")
    assert rows.count() == sum(r["P"] == relocations[-1]["P"] for r in relocations)
    assert time.perf_counter() - started < 2.0
    assert errors == []
    print(f"{len(relocations)} relocations: loaded in {load_seconds:.2f} s, "
          f"hover/selection answered in at most {max(responses):.0f} ms")
