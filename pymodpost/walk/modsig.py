"""The signature appended to a signed kernel module, decoded the way kmod 30's modinfo shows it.

A signed module ends with::

    [ module ][ signer name ][ key id ][ signature ][ struct module_signature (12 bytes) ][ magic ]

``struct module_signature`` holds one-byte algorithm, hash, id-type, signer-length and
key-id-length fields, three pad bytes and a big-endian 32-bit signature length.  Modern kernels
(``sign-file``) write id type 2, PKCS#7: the lengths of signer and key id are zero and the
"signature" is a DER ``ContentInfo`` holding a CMS/PKCS#7 ``SignedData``.  For that kmod (built
with libcrypto) asks OpenSSL for the first ``SignerInfo``: the signer is the issuer's commonName,
the key id is the issuer serial number's magnitude, the hash is the digest algorithm, and the
signature is the encrypted digest.  Here the DER is read by a small decoder of our own, so no
OpenSSL binding is needed.  For the older id types kmod shows the raw fields.

Anything kmod would not accept gives ``None`` (kmod then prints no signature lines at all).
"""

from __future__ import annotations

from dataclasses import dataclass

SIG_MAGIC = b"~Module signature appended~\n"
MODSIG_SIZE = 12

#: enum pkey_algo: only the bound matters (the algorithm itself is not shown by modinfo)
PKEY_ALGO_COUNT = 2
#: enum pkey_hash_algo, indexed by the hash byte of struct module_signature
PKEY_HASH_NAMES = (b"md4", b"md5", b"sha1", b"rmd160", b"sha256", b"sha384", b"sha512", b"sha224", b"sm3")
#: enum pkey_id_type
PKEY_ID_NAMES = (b"PGP", b"X509", b"PKCS#7")
PKEY_ID_PKCS7 = 2

#: digest OIDs OpenSSL recognises, mapped the way kmod 30 maps them onto its hash-name table
#: (note RIPEMD-160 is shown with kmod's own name "rmd160"); any other digest makes kmod drop
#: the whole signature block.
_DIGEST_OIDS = {
    "1.2.840.113549.2.4": b"md4",
    "1.2.840.113549.2.5": b"md5",
    "1.3.14.3.2.26": b"sha1",
    "1.3.36.3.2.1": b"rmd160",
    "2.16.840.1.101.3.4.2.1": b"sha256",
    "2.16.840.1.101.3.4.2.2": b"sha384",
    "2.16.840.1.101.3.4.2.3": b"sha512",
    "2.16.840.1.101.3.4.2.4": b"sha224",
    "1.2.156.10197.1.401": b"sm3",
}
_OID_SIGNED_DATA = "1.2.840.113549.1.7.2"
_OID_COMMON_NAME = "2.5.4.3"


@dataclass(frozen=True, slots=True)
class SignatureInfo:
    """What modinfo prints for a signature; byte strings, printed up to their first NUL."""

    id_type: bytes
    signer: bytes
    key_id: bytes
    hash_algo: bytes
    signature: bytes


def signature_info(data: bytes) -> SignatureInfo | None:
    """Decode the appended signature of a (decompressed) module image, or None."""
    size = len(data) - len(SIG_MAGIC)
    if size < 0 or data[size:] != SIG_MAGIC:
        return None
    size -= MODSIG_SIZE
    if size < 0:
        return None
    algo, hash_, id_type, signer_len, key_id_len = data[size:size + 5]
    sig_len = int.from_bytes(data[size + 8:size + 12], "big")
    if algo >= PKEY_ALGO_COUNT or hash_ >= len(PKEY_HASH_NAMES) or id_type >= len(PKEY_ID_NAMES):
        return None
    if sig_len == 0 or size < sig_len + signer_len + key_id_len:
        return None
    sig_start = size - sig_len
    if id_type == PKEY_ID_PKCS7:
        return _from_pkcs7(data[sig_start:size], PKEY_ID_NAMES[id_type])
    key_start = sig_start - key_id_len
    signer_start = key_start - signer_len
    return SignatureInfo(
        id_type=PKEY_ID_NAMES[id_type],
        signer=data[signer_start:key_start],
        key_id=data[key_start:sig_start],
        hash_algo=PKEY_HASH_NAMES[hash_],
        signature=data[sig_start:size],
    )


# --- a minimal DER/BER reader ---------------------------------------------------------------

class _Bad(Exception):
    """The DER does not have the shape OpenSSL's PKCS#7 template demands."""


@dataclass(frozen=True, slots=True)
class _Tlv:
    cls: int          # 0 universal, 1 application, 2 context, 3 private
    constructed: bool
    tag: int
    content: bytes
    end: int          # offset just past this element in the buffer it was read from


def _read_tlv(buf: bytes, pos: int, limit: int) -> _Tlv:
    if pos >= limit:
        raise _Bad("truncated")
    first = buf[pos]
    pos += 1
    cls, constructed, tag = first >> 6, bool(first & 0x20), first & 0x1F
    if tag == 0x1F:  # high tag number form
        tag = 0
        while True:
            if pos >= limit:
                raise _Bad("truncated tag")
            b = buf[pos]
            pos += 1
            tag = (tag << 7) | (b & 0x7F)
            if not b & 0x80:
                break
    if pos >= limit:
        raise _Bad("truncated length")
    n = buf[pos]
    pos += 1
    if n == 0x80:  # BER indefinite length: contents run to an end-of-contents pair
        if not constructed:
            raise _Bad("indefinite primitive")
        start = inner = pos
        while True:
            if inner + 2 <= limit and buf[inner] == 0 and buf[inner + 1] == 0:
                return _Tlv(cls, constructed, tag, buf[start:inner], inner + 2)
            inner = _read_tlv(buf, inner, limit).end
    if n & 0x80:
        count = n & 0x7F
        if count == 0x7F or pos + count > limit:
            raise _Bad("bad length")
        length = int.from_bytes(buf[pos:pos + count], "big")
        pos += count
    else:
        length = n
    if pos + length > limit:
        raise _Bad("element runs past its container")
    return _Tlv(cls, constructed, tag, buf[pos:pos + length], pos + length)


def _children(tlv: _Tlv) -> list[_Tlv]:
    if not tlv.constructed:
        raise _Bad("expected a constructed element")
    out, pos, data = [], 0, tlv.content
    while pos < len(data):
        child = _read_tlv(data, pos, len(data))
        out.append(child)
        pos = child.end
    return out


def _expect(tlv: _Tlv, tag: int, cls: int = 0) -> _Tlv:
    if tlv.cls != cls or tlv.tag != tag:
        raise _Bad(f"expected tag {cls}:{tag}, found {tlv.cls}:{tlv.tag}")
    return tlv


def _oid(tlv: _Tlv) -> str:
    _expect(tlv, 6)
    body = tlv.content
    if not body or body[-1] & 0x80:
        raise _Bad("bad OID")
    arcs, value = [], 0
    for b in body:
        value = (value << 7) | (b & 0x7F)
        if not b & 0x80:
            arcs.append(value)
            value = 0
    first = arcs[0]
    head = [min(first // 40, 2), first - 40 * min(first // 40, 2)]
    return ".".join(str(a) for a in head + arcs[1:])


_SEQUENCE, _SET, _INTEGER, _OCTET_STRING = 16, 17, 2, 4


def _from_pkcs7(der: bytes, id_type: bytes) -> SignatureInfo | None:
    try:
        return _parse_signed_data(der, id_type)
    except (_Bad, IndexError, ValueError):
        return None


def _parse_signed_data(der: bytes, id_type: bytes) -> SignatureInfo | None:
    content_info = _expect(_read_tlv(der, 0, len(der)), _SEQUENCE)
    parts = _children(content_info)
    if _oid(parts[0]) != _OID_SIGNED_DATA or len(parts) < 2:
        return None
    explicit = _expect(parts[1], 0, cls=2)
    signed = _expect(_children(explicit)[0], _SEQUENCE)
    fields = _children(signed)
    _expect(fields[0], _INTEGER)          # version
    _expect(fields[1], _SET)              # digestAlgorithms
    _expect(fields[2], _SEQUENCE)         # contentInfo (detached: type only)
    rest = fields[3:]
    while rest and rest[0].cls == 2:      # [0] certificates, [1] crls
        rest = rest[1:]
    if not rest:
        return None
    signer_infos = _children(_expect(rest[0], _SET))
    if not signer_infos:
        return None
    si = _children(_expect(signer_infos[0], _SEQUENCE))
    _expect(si[0], _INTEGER)
    # OpenSSL's PKCS#7 signer info only knows issuerAndSerialNumber (a CMS subjectKeyIdentifier
    # signer makes the decode fail, and kmod then shows no signature)
    issuer_and_serial = _children(_expect(si[1], _SEQUENCE))
    issuer = _expect(issuer_and_serial[0], _SEQUENCE)
    serial = _expect(issuer_and_serial[1], _INTEGER)
    digest_alg = _children(_expect(si[2], _SEQUENCE))
    hash_name = _DIGEST_OIDS.get(_oid(digest_alg[0]))
    k = 3
    if si[k].cls == 2 and si[k].tag == 0:  # authenticatedAttributes
        k += 1
    _expect(si[k], _SEQUENCE)              # digestEncryptionAlgorithm
    enc_digest = _expect(si[k + 1], _OCTET_STRING)
    if hash_name is None:
        return None
    return SignatureInfo(
        id_type=id_type,
        signer=_common_name(issuer),
        key_id=_serial_magnitude(serial.content),
        hash_algo=hash_name,
        signature=enc_digest.content,
    )


def _common_name(name: _Tlv) -> bytes:
    """The issuer string kmod shows: the first commonName's bytes up to a NUL.

    kmod scans the name's attributes for a commonName and, when none is found, still takes the
    attribute its loop stopped on -- the last one; a name without attributes gives no signer.
    """
    values: list[tuple[str, bytes]] = []
    for rdn in _children(name):
        for attr in _children(_expect(rdn, _SET)):
            pair = _children(_expect(attr, _SEQUENCE))
            values.append((_oid(pair[0]), pair[1].content))
    if not values:
        return b""
    chosen = next((v for oid, v in values if oid == _OID_COMMON_NAME), values[-1][1])
    return chosen.split(b"\0", 1)[0]


def _serial_magnitude(content: bytes) -> bytes:
    """BN_bn2bin of the serial: big-endian magnitude without leading zero bytes (zero -> empty)."""
    value = abs(int.from_bytes(content, "big", signed=True))
    return value.to_bytes((value.bit_length() + 7) // 8, "big")
