"""Reading a report back: the drawn elements and their attributes, with the standard HTML parser."""

from __future__ import annotations

import json
from html.parser import HTMLParser


class Element(dict):
    """One start tag: its attributes, plus ``tag`` and ``text`` (the text up to the next tag)."""


class ReportParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements: list[Element] = []
        self.scripts: dict[str, str] = {}
        self._script: str | None = None

    def handle_starttag(self, tag, attrs):
        element = Element(attrs)
        element["tag"] = tag
        element["text"] = ""
        self.elements.append(element)
        if tag == "script":
            self._script = element.get("id") or ""
            self.scripts[self._script] = ""

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if tag == "script":
            self._script = None

    def handle_data(self, data):
        if self._script is not None:
            self.scripts[self._script] += data
        elif self.elements:
            self.elements[-1]["text"] += data

    def having(self, attribute: str, tag: str | None = None) -> list[Element]:
        return [e for e in self.elements if attribute in e and (tag is None or e["tag"] == tag)]

    def relocations(self) -> list[dict]:
        return json.loads(self.scripts["relocations-data"])


def parse(page: str) -> ReportParser:
    parser = ReportParser()
    parser.feed(page)
    parser.close()
    return parser
