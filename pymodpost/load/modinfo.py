"""``.modinfo`` lookups with the kernel's semantics (get_modinfo / get_next_modinfo).

The section is a run of ``tag=value`` strings separated by one or more NULs; a lookup returns the
value of the first string whose text up to '=' equals the tag.
"""

from __future__ import annotations


def modinfo_strings(section: bytes) -> list[bytes]:
    return [s for s in section.split(b"\0") if s]


class ModinfoTable:
    """A .modinfo section parsed once: tag -> values in section order."""

    __slots__ = ("_values",)

    def __init__(self, section: bytes):
        self._values: dict[str, list[str]] = {}
        for item in modinfo_strings(section):
            tag, sep, value = item.partition(b"=")
            if sep:
                self._values.setdefault(tag.decode("utf-8", "surrogateescape"), []).append(
                    value.decode("utf-8", "surrogateescape"))

    def get(self, tag: str) -> str | None:
        values = self._values.get(tag)
        return values[0] if values else None

    def all(self, tag: str) -> list[str]:
        return list(self._values.get(tag, ()))
