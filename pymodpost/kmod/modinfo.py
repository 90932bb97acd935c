"""``modinfo`` for module files, printing exactly what Debian bookworm's kmod 30 ``modinfo`` prints.

The pieces, in kmod's order:

* :func:`module_info` -- libkmod's ``kmod_module_get_info``: the ``.modinfo`` strings split into
  key/value pairs, then five entries describing an appended signature (``sig_id``, ``signer``,
  ``sig_key``, ``sig_hashalgo``, ``signature``; the last two-hex-digit lists are wrapped after
  every 20 bytes with a newline and two tabs, as kmod formats them);
* :func:`render` -- the modinfo tool's printing: ``key:`` padded to 16 columns (``key=value``
  with ``-0``), ``parm``/``parmtype`` pairs merged into ``parm:`` lines printed after every other
  field, ``-F`` printing bare values.

Everything is bytes: kmod prints the file's bytes untouched and stops a value at a NUL, and so
do we.  Messages kmod prints on stderr are returned as ``warnings`` (each with the place in the
output where kmod prints it) and ``error`` strings.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field as dc_field

from pymodpost.kmod.file import (
    KmodElf,
    KmodErrno,
    absolute_path,
    module_name_from_path,
    read_module_contents,
)
from pymodpost.kmod.modsig import signature_info

#: wrap the hex dump of keys and signatures after this many bytes
HEX_BYTES_PER_LINE = 20
#: "filename:", "parm:" ... are left-justified in this many columns
KEY_COLUMNS = 16


def hex_dump(value: bytes) -> bytes:
    """``01:AB:...`` in upper case, a newline and two tabs after every 20th byte but the last."""
    lines = (value[i:i + HEX_BYTES_PER_LINE].hex(":").upper()
             for i in range(0, len(value), HEX_BYTES_PER_LINE))
    return ":\n\t\t".join(lines).encode()


def _upto_nul(value: bytes) -> bytes:
    return value.split(b"\0", 1)[0]


def module_info(data: bytes) -> list[tuple[bytes, bytes]]:
    """kmod_module_get_info for a module image (already decompressed): (key, value) pairs.

    Raises :class:`KmodErrno` when libkmod cannot read the image (not ELF, no ``.modinfo``...).
    """
    entries: list[tuple[bytes, bytes]] = []
    for s in KmodElf(data).strings(".modinfo"):
        key, eq, value = s.partition(b"=")
        entries.append((key, value if eq else b""))
    sig = signature_info(data)
    if sig is not None:
        entries += [
            (b"sig_id", sig.id_type),
            (b"signer", _upto_nul(sig.signer)),
            (b"sig_key", hex_dump(sig.key_id)),
            (b"sig_hashalgo", sig.hash_algo),
            (b"signature", hex_dump(sig.signature)),
        ]
    return entries


@dataclass
class _Param:
    name: bytes
    description: bytes | None = None
    type: bytes | None = None


@dataclass
class Rendered:
    """What one module contributes: bytes for stdout and lines for stderr (without prefix)."""

    stdout: bytes = b""
    #: (offset in ``stdout`` at which kmod prints it, message)
    warnings: list[tuple[int, str]] = dc_field(default_factory=list)


def _collect_param(key: bytes, value: bytes, params: list[_Param], warnings: list[str]) -> bool:
    """Merge a parm/parmtype entry into ``params``; False (and a warning) if it has no ':'."""
    name, colon, rest = value.partition(b":")
    if not colon:
        warnings.append(
            'Found invalid "%s=%s": missing \':\''
            % (key.decode(errors="surrogateescape"), value.decode(errors="surrogateescape"))
        )
        return False
    for p in params:
        if p.name == name:
            break
    else:
        # kmod pushes new parameters on the front of a list: they print newest first
        p = _Param(name)
        params.insert(0, p)
    if key == b"parm":
        p.description = rest
    else:
        p.type = rest
    return True


def _param_line(p: _Param, with_key: bool) -> bytes:
    head = b"parm:".ljust(KEY_COLUMNS) if with_key else b""
    if p.description is None:
        # only a parmtype: the full listing shows "name:type", -F parm shows "name: (type)"
        return head + p.name + (b":" if with_key else b": (") + p.type + (b"" if with_key else b")")
    if p.type is not None:
        return head + p.name + b":" + p.description + b" (" + p.type + b")"
    return head + p.name + b":" + p.description


def render(entries: list[tuple[bytes, bytes]], field: str | None, separator: bytes = b"\n") -> Rendered:
    """The modinfo tool's output for one module whose info list is ``entries``."""
    lines: list[bytes] = []
    params: list[_Param] = []
    warned: list[tuple[int, str]] = []   # (lines printed before it, message)

    def collect(key: bytes, value: bytes) -> None:
        messages: list[str] = []
        if not _collect_param(key, value, params, messages):
            warned.extend((len(lines), m) for m in messages)

    wanted = field.encode(errors="surrogateescape") if field is not None else None
    if wanted == b"parm":
        for key, value in entries:
            if key in (b"parm", b"parmtype"):
                collect(key, value)
        lines = [_param_line(p, with_key=False) for p in params]
    else:
        for key, value in entries:
            if wanted is not None:
                if key == wanted:
                    lines.append(value)
            elif key in (b"parm", b"parmtype"):
                collect(key, value)
            elif separator == b"\0":
                lines.append(key + b"=" + value)
            else:
                # printf("%s:%-*s%s", key, 15 - len(key), "", value): a negative width still
                # pads, left-justified, so keys longer than 15 get |15 - len| spaces
                lines.append(key + b":" + b" " * abs(KEY_COLUMNS - 1 - len(key)) + value)
        if wanted is None:
            lines += [_param_line(p, with_key=True) for p in params]
    chunks = [line + separator for line in lines]
    offsets = [0]
    for chunk in chunks:
        offsets.append(offsets[-1] + len(chunk))
    return Rendered(b"".join(chunks), [(offsets[n], m) for n, m in warned])


@dataclass
class FileResult:
    """modinfo on one file: its output, stderr messages, and whether kmod would count a failure."""

    stdout: bytes
    warnings: list[tuple[int, str]]   # (offset in stdout, message), as in Rendered
    error: str | None = None


def with_head(head: bytes, body: Rendered) -> FileResult:
    """A module's result: the header lines, then its rendered fields."""
    return FileResult(head + body.stdout, [(at + len(head), m) for at, m in body.warnings])


def modinfo_file(path: str, field: str | None = None, separator: bytes = b"\n") -> FileResult:
    """Run modinfo's per-file logic: the ``filename`` line, then the info or an error."""
    filename = os.fsencode(absolute_path(path))
    head = b""
    if field == "filename":
        return FileResult(filename + separator, [])
    if field is None:
        head = b"filename:".ljust(KEY_COLUMNS) + filename + separator
    try:
        entries = module_info(read_module_contents(path))
    except KmodErrno as e:
        name = module_name_from_path(path)
        return FileResult(head, [], f"could not get modinfo from '{name}': {e.message}")
    return with_head(head, render(entries, field, separator))
