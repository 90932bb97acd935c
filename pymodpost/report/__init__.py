"""Self-contained HTML reports (``walk --html``, ``demo --html``, ``diff --html``).

Built from the same stage data dicts as ``walk --json``: :mod:`pymodpost.report.pictures` draws
the memory map, the relocation arrows and the link as inline SVG in Python (so tests can check
the geometry against the data), :mod:`pymodpost.report.page` fills the Jinja2 templates in
``templates/`` (CSS and the small script inlined: the page needs no network).
"""
