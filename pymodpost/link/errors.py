"""The linker's error: one line worded as GNU ld words it (``ld: ...``)."""

from __future__ import annotations

from pymodpost.errors import PymodpostError


class LinkError(PymodpostError):
    """A link GNU ld would refuse; the message is ld's own wording."""
