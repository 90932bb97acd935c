"""The report's pictures, drawn as SVG in Python from the walk's stage data.

Drawn here rather than in the browser so that the geometry is data a test can check: every
drawn section carries ``data-section``, every relocation arrow ``data-reloc``, every axis tick
``data-addr``; a section's ``y`` is its address on the axis.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

#: pixels the whole of the module's memory gets (one scale for every allocation: to scale)
MEMORY_HEIGHT = 900.0
#: the break drawn between two allocations that are not adjacent in the address space
ALLOCATION_GAP = 40.0
TOP = 24.0
COLUMN_LEFT, COLUMN_RIGHT = 150.0, 270.0  # the memory column
LABEL_X = 520.0  # section names, right of the arrows
KERNEL_X = 740.0  # kernel symbols, off to the side
MEMORY_WIDTH = 1060
LABEL_STEP = 13.0  # the least distance between two section labels
KERNEL_STEP = 18.0


def _attrs(**values) -> str:
    """SVG attributes, escaped; ``data_x`` is written ``data-x``, ``cls`` is ``class``."""
    out = []
    for key, value in values.items():
        if value is None:
            continue
        name = "class" if key == "cls" else key.replace("_", "-")
        if isinstance(value, float):
            value = f"{value:.3f}".rstrip("0").rstrip(".")
        out.append(f'{name}="{escape(str(value), quote=True)}"')
    return " ".join(out)


def _tag(name: str, text: str = "", **values) -> str:
    return f"<{name} {_attrs(**values)}>{escape(text)}</{name}>" if text else f"<{name} {_attrs(**values)}/>"


#: the arrows' head (one per page: an id)
ARROWHEAD = ('<defs><marker id="arrowhead" viewBox="0 0 8 8" refX="7" refY="4" markerWidth="6" markerHeight="6" '
             'orient="auto-start-reverse"><path d="M0,0 L8,4 L0,8 z" class="head"/></marker></defs>')


def _svg(width: float, height: float, body: list[str], label: str, cls: str) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" {_attrs(cls=cls, width=width, height=height)} '
            f'viewBox="0 0 {width:.0f} {height:.0f}" role="img" aria-label="{escape(label)}">'
            + "".join(body) + "</svg>")


@dataclass
class _Placed:
    """An allocation as drawn: where its first byte is and how many pixels a byte is."""
    name: str
    address: int
    size: int
    y: float
    scale: float

    def y_of(self, address: int) -> float:
        return self.y + (address - self.address) * self.scale

    def holds(self, address: int) -> bool:
        return self.address <= address < self.address + max(self.size, 1)


def _place_allocations(allocations: list[dict]) -> tuple[list[_Placed], float]:
    ordered = sorted(allocations, key=lambda a: a["address"])
    total = sum(a["size"] for a in ordered) or 1
    scale = MEMORY_HEIGHT / total
    placed, y, end = [], TOP, None
    for alloc in ordered:
        if end is not None and alloc["address"] != end:
            y += ALLOCATION_GAP
        placed.append(_Placed(alloc["name"], alloc["address"], alloc["size"], y, scale))
        y += alloc["size"] * scale
        end = alloc["address"] + alloc["size"]
    return placed, y


def _ticks(alloc: _Placed) -> list[int]:
    """The addresses the axis labels: the allocation's ends and its page boundaries (as many as fit)."""
    page = 0x1000
    every = page
    while alloc.scale * every < 28:
        every *= 2
    inside = range(alloc.address - alloc.address % every + every, alloc.address + alloc.size, every)
    return [alloc.address, *(a for a in inside if (a - alloc.address) * alloc.scale > 14
                            and (alloc.address + alloc.size - a) * alloc.scale > 14), alloc.address + alloc.size]


def _spread(wanted: list[float], step: float) -> list[float]:
    """Label positions near the wanted ones (sorted), at least ``step`` apart."""
    out: list[float] = []
    for y in wanted:
        out.append(max(y, out[-1] + step) if out else y)
    return out


def memory_map(load: dict) -> str:
    """The loaded module's memory to scale: allocations (6.1 core/init or 6.4+ ``mem[]``), their
    permission bands, the sections, each applied relocation as an arrow from the place patched
    (P) to the symbol's address (S; a kernel symbol off to the side), and the refusal, if any."""
    placed, bottom = _place_allocations(load.get("allocations", []))
    by_name = {p.name.removeprefix("mem[").removesuffix("]"): p for p in placed}
    body: list[str] = [ARROWHEAD]
    for alloc, p in zip(sorted(load["allocations"], key=lambda a: a["address"]), placed):
        body.append(f'<g {_attrs(cls="allocation", data_allocation=p.name, data_addr=hex(p.address), data_size=p.size)}>')
        for band in alloc["bands"]:
            body.append(_tag("rect", cls=f"band perm-{band['permission']}", x=COLUMN_LEFT, width=COLUMN_RIGHT - COLUMN_LEFT,
                             y=p.y_of(p.address + band["start"]), height=(band["end"] - band["start"]) * p.scale,
                             data_permission=band["permission"]))
        body.append(_tag("text", p.name, cls="allocation-name", x=COLUMN_LEFT + 4, y=p.y - 4))
        for address in _ticks(p):
            y = p.y_of(address)
            body.append(f'<g {_attrs(cls="tick", data_addr=hex(address))}>'
                        + _tag("line", x1=COLUMN_LEFT - 6, x2=COLUMN_LEFT, y1=y, y2=y)
                        + _tag("text", f"{address:#018x}", x=COLUMN_LEFT - 9, y=y + 4) + "</g>")
        body.append("</g>")
    # the sections, and their names to the right (spread so that they do not overlap)
    sections = [s for s in load.get("layout", []) if s["region"] in by_name]
    sections.sort(key=lambda s: int(s["address"], 16))
    centres = [by_name[s["region"]].y_of(int(s["address"], 16) + s["size"] / 2) for s in sections]
    for sec, centre, label_y in zip(sections, centres, _spread(centres, LABEL_STEP)):
        p = by_name[sec["region"]]
        addr = int(sec["address"], 16)
        body.append(f'<g {_attrs(cls="section-group")}>'
                    + _tag("rect", cls=f"section perm-{sec['permission']}", x=COLUMN_LEFT + 10,
                           width=COLUMN_RIGHT - COLUMN_LEFT - 20, y=p.y_of(addr), height=max(sec["size"] * p.scale, 0.8),
                           data_section=sec["section"], data_addr=sec["address"], data_size=sec["size"],
                           data_permission=sec["permission"])
                    + _tag("path", cls="leader", d=f"M{COLUMN_RIGHT - 10},{centre:.2f} L{LABEL_X - 4},{label_y:.2f}")
                    + _tag("text", f"{sec['section']}  {sec['size']} B", cls="section-label", x=LABEL_X,
                           y=label_y + 4, data_label=sec["section"]) + "</g>")
    # relocations: P -> S, inside the module an arc, to the kernel a curve to the symbol's box
    relocations = load.get("relocations", [])
    outside: dict[int, str] = {}
    for r in relocations:
        s = int(r["S"], 16)
        if not any(p.holds(s) for p in placed):
            outside.setdefault(s, r["symbol"])
    kernel_y = {address: TOP + i * KERNEL_STEP for i, address in enumerate(outside)}
    if outside:
        body.append(_tag("text", "kernel symbols", cls="kernel-title", x=KERNEL_X, y=TOP - 8))
    for address, name in outside.items():
        y = kernel_y[address]
        body.append(f'<g {_attrs(cls="kernel-symbol", data_symbol=name, data_addr=hex(address))}>'
                    + _tag("rect", x=KERNEL_X, y=y - 7, width=MEMORY_WIDTH - KERNEL_X - 4, height=14)
                    + _tag("text", f"{name} {address:#x}", x=KERNEL_X + 4, y=y + 4) + "</g>")
    body.append('<g class="relocations">')
    for i, r in enumerate(relocations):
        p_addr, s_addr = int(r["P"], 16), int(r["S"], 16)
        source = next((p for p in placed if p.holds(p_addr)), None)
        if source is None:
            continue
        y0 = source.y_of(p_addr)
        target = next((p for p in placed if p.holds(s_addr)), None)
        if target is not None:
            y1 = target.y_of(s_addr)
            bulge = COLUMN_RIGHT + 24 + min(250.0, abs(y1 - y0) * 0.6)
            d = f"M{COLUMN_RIGHT},{y0:.2f} C{bulge:.2f},{y0:.2f} {bulge:.2f},{y1:.2f} {COLUMN_RIGHT + 2},{y1:.2f}"
            kind = "reloc internal"
        else:
            y1 = kernel_y[s_addr]
            d = f"M{COLUMN_RIGHT},{y0:.2f} C{LABEL_X - 40},{y0:.2f} {KERNEL_X - 120},{y1:.2f} {KERNEL_X - 2},{y1:.2f}"
            kind = "reloc to-kernel"
        body.append(_tag("path", cls=kind, d=d, data_reloc=f"{r['section']}#{r['index']}", data_i=i,
                         marker_end="url(#arrowhead)"))
    body.append("</g>")
    refused = load.get("refused_in")
    if refused:
        sec = next((s for s in sections if s["section"] == refused["target"]), None)
        if sec is not None:
            p = by_name[sec["region"]]
            y = p.y_of(int(sec["address"], 16))
            body.append(f'<g {_attrs(cls="refusal", data_refusal=refused["section"])}>'
                        + _tag("rect", x=COLUMN_LEFT - 2, y=y - 2, width=COLUMN_RIGHT - COLUMN_LEFT + 4,
                               height=max(sec["size"] * p.scale, 4) + 4)
                        + _tag("text", f"refused: applying {refused['section']} to {refused['target']}",
                               x=COLUMN_RIGHT + 8, y=y - 6) + "</g>")
    height = max(bottom, TOP + len(outside) * KERNEL_STEP, (max(_spread(centres, LABEL_STEP)) if centres else 0)) + 24
    return _svg(MEMORY_WIDTH, height, body, "the module's memory, to scale, with its relocations", "memory-map")


ROW = 20.0
FILE_HEADER = 22.0
LINK_IN_X, LINK_IN_W = 10.0, 270.0
LINK_OUT_X, LINK_OUT_W = 620.0, 270.0
LINK_WIDTH = 900


def link_picture(placement: list[dict]) -> str:
    """Input sections (grouped per input file, left) flowing into the output sections (right),
    each at its offset; one ``data-flow`` band per placement."""
    files: dict[str, list[dict]] = {}
    outputs: dict[str, list[dict]] = {}
    for item in placement:
        files.setdefault(item["input"].split(":", 1)[0], []).append(item)
        outputs.setdefault(item["output"], []).append(item)
    body: list[str] = []
    in_y: dict[int, float] = {}
    y = TOP
    for k, (name, items) in enumerate(files.items()):
        body.append(_tag("text", name, cls="file-name", x=LINK_IN_X, y=y + 14))
        y += FILE_HEADER
        for item in items:
            in_y[id(item)] = y + ROW / 2
            body.append(f'<g {_attrs(cls=f"input file-{k % 6}")}>'
                        + _tag("rect", x=LINK_IN_X, y=y + 2, width=LINK_IN_W, height=ROW - 4,
                               data_section=item["input"], data_size=item["size"])
                        + _tag("text", f"{item['input'].split(':', 1)[1]}  {item['size']} B", x=LINK_IN_X + 6, y=y + 14)
                        + "</g>")
            y += ROW
        y += 8
    left_bottom = y
    y = TOP + FILE_HEADER
    out_y: dict[int, float] = {}
    for name, items in outputs.items():
        items_sorted = sorted(items, key=lambda i: int(i["offset"], 16))
        height = len(items) * ROW + 8
        total = max(int(i["offset"], 16) + i["size"] for i in items)
        body.append(f'<g {_attrs(cls="output")}>'
                    + _tag("rect", x=LINK_OUT_X, y=y, width=LINK_OUT_W, height=height, data_section=name, data_size=total)
                    + _tag("text", f"{name}  {total} B", x=LINK_OUT_X + 8, y=y + 14 + (height - ROW - 8) / 2) + "</g>")
        for j, item in enumerate(items_sorted):
            out_y[id(item)] = y + 4 + j * ROW + ROW / 2
        y += height + 8
    file_of = {id(item): k for k, items in enumerate(files.values()) for item in items}
    mid = (LINK_IN_X + LINK_IN_W + LINK_OUT_X) / 2
    body.append('<g class="flows">')
    for item in placement:
        y0, y1 = in_y[id(item)], out_y[id(item)]
        body.append(_tag("path", cls=f"flow file-{file_of[id(item)] % 6}",
                         d=f"M{LINK_IN_X + LINK_IN_W},{y0:.2f} C{mid},{y0:.2f} {mid},{y1:.2f} {LINK_OUT_X},{y1:.2f}",
                         data_flow=f"{item['input']} -> {item['output']}+{item['offset']}"))
    body.append("</g>")
    return _svg(LINK_WIDTH, max(left_bottom, y) + 10, body, "input sections flowing into output sections", "link-picture")
