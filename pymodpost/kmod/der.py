"""A small BER/DER decoder that accepts and rejects what OpenSSL's ``d2i`` template decoder does.

kmod hands a module's PKCS#7 signature to OpenSSL; when OpenSSL refuses it, modinfo shows no
signature lines at all.  So beyond splitting tag-length-value elements this module keeps the
content rules OpenSSL's decoder enforces on the types a PKCS#7 ``SignedData`` contains:

* lengths: short or long form (leading zero octets tolerated), indefinite only when constructed;
* INTEGER/ENUMERATED: not empty, no redundant leading 0x00/0xFF octet;
* OBJECT IDENTIFIER: not empty, last octet ends a sub-identifier, no sub-identifier padded with 0x80;
* NULL empty, BOOLEAN one octet, BIT STRING's unused-bit count at most 7;
* BMPString an even and UniversalString a multiple-of-four number of octets;
* NULL/BOOLEAN/INTEGER/ENUMERATED/OID must be primitive, SEQUENCE/SET constructed; other strings
  may be constructed (BER), their pieces concatenated.

Errors raise :class:`DerError`.
"""

from __future__ import annotations

from dataclasses import dataclass

UNIVERSAL, APPLICATION, CONTEXT, PRIVATE = 0, 1, 2, 3

BOOLEAN, INTEGER, BIT_STRING, OCTET_STRING, NULL, OID = 1, 2, 3, 4, 5, 6
ENUMERATED, UTF8_STRING, SEQUENCE, SET = 10, 12, 16, 17
UNIVERSAL_STRING, BMP_STRING = 28, 30

_MUST_BE_PRIMITIVE = {NULL, BOOLEAN, OID, INTEGER, ENUMERATED}
_MUST_BE_CONSTRUCTED = {SEQUENCE, SET}
#: nesting OpenSSL allows inside a constructed (BER) string
_MAX_STRING_NEST = 5


class DerError(Exception):
    """The encoding is one OpenSSL's decoder would reject."""


@dataclass(frozen=True, slots=True)
class Tlv:
    cls: int
    constructed: bool
    tag: int
    content: bytes      # for indefinite length: everything up to the end-of-contents octets
    end: int            # offset just past the element (and its end-of-contents octets)

    def is_(self, tag: int, cls: int = UNIVERSAL) -> bool:
        return self.cls == cls and self.tag == tag


def read(buf: bytes, pos: int = 0, limit: int | None = None) -> Tlv:
    """The element starting at ``pos`` (not beyond ``limit``)."""
    limit = len(buf) if limit is None else limit
    if pos >= limit:
        raise DerError("truncated")
    first = buf[pos]
    pos += 1
    cls, constructed, tag = first >> 6, bool(first & 0x20), first & 0x1F
    if tag == 0x1F:
        tag = 0
        while True:
            if pos >= limit:
                raise DerError("truncated tag")
            b = buf[pos]
            pos += 1
            tag = (tag << 7) | (b & 0x7F)
            if tag > 0x7FFFFFFF:
                raise DerError("tag too large")
            if not b & 0x80:
                break
    if pos >= limit:
        raise DerError("truncated length")
    n = buf[pos]
    pos += 1
    if n == 0x80:
        if not constructed:
            raise DerError("indefinite length on a primitive")
        inner = pos
        while True:
            if inner + 2 <= limit and buf[inner] == 0 and buf[inner + 1] == 0:
                return Tlv(cls, constructed, tag, buf[pos:inner], inner + 2)
            inner = read(buf, inner, limit).end
    if n & 0x80:
        count = n & 0x7F
        if pos + count > limit:
            raise DerError("truncated length")
        digits = buf[pos:pos + count].lstrip(b"\0")
        if len(digits) > 8:
            raise DerError("length too large")
        length = int.from_bytes(digits, "big")
        pos += count
    else:
        length = n
    if length > limit - pos:
        raise DerError("element runs past its container")
    return Tlv(cls, constructed, tag, buf[pos:pos + length], pos + length)


def children(tlv: Tlv, any_form: bool = False) -> list[Tlv]:
    """The elements inside a constructed element, in order.

    ``any_form``: OpenSSL's SET OF / SEQUENCE OF templates never look at the constructed bit, so a
    "primitive" SET OF whose content is a run of elements decodes all the same.
    """
    if not tlv.constructed and not any_form:
        raise DerError("expected a constructed element")
    out, pos, data = [], 0, tlv.content
    while pos < len(data):
        child = read(data, pos)
        out.append(child)
        pos = child.end
    return out


def string_bytes(tlv: Tlv, depth: int = 0) -> bytes:
    """A string's octets; a constructed (BER) string is the concatenation of its pieces."""
    if not tlv.constructed:
        return tlv.content
    if depth >= _MAX_STRING_NEST:
        raise DerError("string nested too deep")
    return b"".join(string_bytes(c, depth + 1) for c in children(tlv))


def check_primitive(tlv: Tlv) -> bytes:
    """Apply OpenSSL's content rules for a universal type; the value octets."""
    tag = tlv.tag
    if tag in _MUST_BE_PRIMITIVE and tlv.constructed:
        raise DerError("type must be primitive")
    if tag in _MUST_BE_CONSTRUCTED:
        if not tlv.constructed:
            raise DerError("type must be constructed")
        return tlv.content
    data = string_bytes(tlv)
    if tag == NULL and data:
        raise DerError("NULL with content")
    if tag == BOOLEAN and len(data) != 1:
        raise DerError("BOOLEAN of wrong length")
    if tag in (INTEGER, ENUMERATED):
        if not data:
            raise DerError("empty INTEGER")
        if len(data) > 1 and data[0] in (0, 0xFF) and (data[0] & 0x80) == (data[1] & 0x80):
            raise DerError("INTEGER with illegal padding")
    if tag == OID:
        if not data or data[-1] & 0x80:
            raise DerError("bad OBJECT IDENTIFIER")
        for i, b in enumerate(data):
            if b == 0x80 and (i == 0 or not data[i - 1] & 0x80):
                raise DerError("OBJECT IDENTIFIER sub-identifier padded")
    if tag == BIT_STRING and (not data or data[0] > 7):
        raise DerError("bad BIT STRING")
    if tag == BMP_STRING and len(data) % 2:
        raise DerError("BMPString of odd length")
    if tag == UNIVERSAL_STRING and len(data) % 4:
        raise DerError("UniversalString length not a multiple of 4")
    return data


def expect(tlv: Tlv, tag: int) -> bytes:
    """The element must be the universal type ``tag``; its checked value octets."""
    if not tlv.is_(tag):
        raise DerError(f"expected universal tag {tag}, found {tlv.cls}:{tlv.tag}")
    return check_primitive(tlv)


def check_any(tlv: Tlv) -> None:
    """An ASN.1 ANY: universal types get their content rules; other classes pass as they are."""
    if tlv.cls != UNIVERSAL:
        return
    if tlv.tag == 0:
        raise DerError("end-of-contents where a value belongs")
    check_primitive(tlv)


def oid_text(tlv: Tlv) -> str:
    """Dotted text of an OBJECT IDENTIFIER element."""
    arcs, value = [], 0
    for b in expect(tlv, OID):
        value = (value << 7) | (b & 0x7F)
        if not b & 0x80:
            arcs.append(value)
            value = 0
    first = min(arcs[0] // 40, 2)
    return ".".join(str(a) for a in [first, arcs[0] - 40 * first, *arcs[1:]])
