"""``.modinfo`` lookups with the kernel's semantics (get_modinfo / get_next_modinfo).

The section is a run of ``tag=value`` strings separated by one or more NULs; a lookup returns the
value of the first string whose text up to '=' equals the tag.
"""

from __future__ import annotations


def modinfo_strings(section: bytes) -> list[bytes]:
    return [s for s in section.split(b"\0") if s]


def get_modinfo_all(section: bytes, tag: str) -> list[str]:
    prefix = tag.encode() + b"="
    return [s[len(prefix):].decode("utf-8", "surrogateescape") for s in modinfo_strings(section) if s.startswith(prefix)]


def get_modinfo(section: bytes, tag: str) -> str | None:
    values = get_modinfo_all(section, tag)
    return values[0] if values else None
