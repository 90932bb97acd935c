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

from pymodpost.kmod import der

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


# --- the PKCS#7 SignedData walk ------------------------------------------------------------

_OID_DATA = "1.2.840.113549.1.7.1"
#: X509_NAME_ENTRY values: the universal tags OpenSSL's DirectoryString-like MSTRING accepts
_NAME_VALUE_TAGS = {3, 7, 8, 9, 11, 12, 13, 14, 15, 16, 18, 19, 20, 22, 28, 29, 30}
#: string types OpenSSL converts to UTF-8 when it canonicalises a decoded name; a value that does
#: not convert makes the whole decode fail
_CANON_TAGS = {12, 19, 20, 22, 26, 28, 30}


def _from_pkcs7(blob: bytes, id_type: bytes) -> SignatureInfo | None:
    try:
        signer = _signed_data_signer(der.read(blob))
    except (der.DerError, IndexError, RecursionError):
        # RecursionError: absurdly nested indefinite-length elements, which OpenSSL refuses too
        return None
    if signer is None:
        return None
    issuer, serial, digest_oid, enc_digest = signer
    hash_name = _DIGEST_OIDS.get(digest_oid)
    if hash_name is None:
        return None
    return SignatureInfo(
        id_type=id_type,
        signer=_common_name(issuer),
        key_id=_serial_magnitude(serial),
        hash_algo=hash_name,
        signature=enc_digest,
    )


def _sequence(tlv: der.Tlv, least: int, most: int) -> list[der.Tlv]:
    der.expect(tlv, der.SEQUENCE)
    kids = der.children(tlv)
    if not least <= len(kids) <= most:
        raise der.DerError("wrong number of SEQUENCE elements")
    return kids


def _set_of(tlv: der.Tlv, tag: int = der.SET) -> list[der.Tlv]:
    """A SET OF (or SEQUENCE OF): the tag must match, the constructed bit is not looked at."""
    if not tlv.is_(tag):
        raise der.DerError(f"expected universal tag {tag}, found {tlv.cls}:{tlv.tag}")
    return der.children(tlv, any_form=True)


def _implicit_set(tlv: der.Tlv) -> list[der.Tlv]:
    return der.children(tlv, any_form=True)


def _algorithm(tlv: der.Tlv) -> str:
    kids = _sequence(tlv, 1, 2)
    if len(kids) == 2:
        der.check_any(kids[1])
    return der.oid_text(kids[0])


def _attributes(tlv: der.Tlv) -> None:
    for attr in _implicit_set(tlv):
        kids = _sequence(attr, 2, 2)
        der.oid_text(kids[0])
        for value in _set_of(kids[1]):
            der.check_any(value)


def _content_info(tlv: der.Tlv, depth: int) -> tuple[str, der.Tlv | None]:
    """(content type, the [0] EXPLICIT content or None), the content checked unless signedData."""
    if depth > 8:
        raise der.DerError("content nested too deep")
    kids = _sequence(tlv, 1, 2)
    kind = der.oid_text(kids[0])
    if len(kids) == 1:
        return kind, None
    if not kids[1].is_(0, der.CONTEXT) or not kids[1].constructed:
        raise der.DerError("content must be [0] EXPLICIT")
    inner = der.children(kids[1])
    if len(inner) != 1:
        raise der.DerError("[0] EXPLICIT holds one element")
    if kind == _OID_SIGNED_DATA:
        _signer_infos(inner[0], depth)
    elif kind == _OID_DATA:
        der.expect(inner[0], der.OCTET_STRING)
    else:
        der.check_any(inner[0])
    return kind, inner[0]


def _signer_infos(signed: der.Tlv, depth: int) -> list[der.Tlv]:
    """Check a SignedData; its SignerInfo elements."""
    kids = _sequence(signed, 4, 6)
    der.expect(kids[0], der.INTEGER)
    for alg in _set_of(kids[1]):
        _algorithm(alg)
    _content_info(kids[2], depth + 1)
    optional, last = kids[3:-1], kids[-1]
    expected_tags = [0, 1]
    for item in optional:
        if not expected_tags or item.cls != der.CONTEXT or item.tag not in expected_tags:
            raise der.DerError("unexpected element in SignedData")
        expected_tags = expected_tags[expected_tags.index(item.tag) + 1:]
        for entry in _implicit_set(item):
            if item.tag == 0:
                _check_certificate(entry)
            else:                           # CRLs: only their outer shape (sign-file writes none)
                der.expect(entry, der.SEQUENCE)
    infos = _set_of(last)
    for info in infos:
        _signer_info(info)
    return infos


_UTC_TIME, _GENERALIZED_TIME, _BOOLEAN = 23, 24, 1


def _check_certificate(tlv: der.Tlv) -> None:
    """An X.509 certificate as OpenSSL's decoder checks it (its signature is not verified)."""
    cert = _sequence(tlv, 3, 3)
    der.expect(cert[0], der.SEQUENCE)
    tbs = der.children(cert[0])
    i = 0
    if tbs and tbs[0].is_(0, der.CONTEXT):           # [0] EXPLICIT version
        version = der.children(tbs[0]) if tbs[0].constructed else None
        if version is None or len(version) != 1:
            raise der.DerError("bad certificate version")
        der.expect(version[0], der.INTEGER)
        i = 1
    fields = tbs[i:]
    if len(fields) < 6:
        raise der.DerError("certificate too short")
    der.expect(fields[0], der.INTEGER)               # serialNumber
    _algorithm(fields[1])                            # signature
    _check_name(fields[2])                           # issuer
    validity = _sequence(fields[3], 2, 2)
    for t in validity:
        if not (t.is_(_UTC_TIME) or t.is_(_GENERALIZED_TIME)):
            raise der.DerError("bad certificate time")
        der.check_primitive(t)
    _check_name(fields[4])                           # subject
    key_info = _sequence(fields[5], 2, 2)
    _algorithm(key_info[0])
    der.expect(key_info[1], der.BIT_STRING)
    expected_tags = [1, 2, 3]
    for extra in fields[6:]:
        if extra.cls != der.CONTEXT or extra.tag not in expected_tags:
            raise der.DerError("unexpected element in certificate")
        expected_tags = expected_tags[expected_tags.index(extra.tag) + 1:]
        if extra.tag in (1, 2):                      # issuer/subject unique ids: IMPLICIT BIT STRING
            if extra.constructed:
                der.string_bytes(extra)
            elif not extra.content or extra.content[0] > 7:
                raise der.DerError("bad unique identifier")
            continue
        wrapped = der.children(extra) if extra.constructed else None
        if wrapped is None or len(wrapped) != 1:
            raise der.DerError("bad extensions wrapper")
        for ext in _set_of(wrapped[0], der.SEQUENCE):
            parts = _sequence(ext, 2, 3)
            der.oid_text(parts[0])
            if len(parts) == 3:
                der.expect(parts[1], _BOOLEAN)
            der.expect(parts[-1], der.OCTET_STRING)
    _algorithm(cert[1])
    der.expect(cert[2], der.BIT_STRING)


def _signer_info(tlv: der.Tlv) -> tuple[der.Tlv, bytes, str, bytes]:
    kids = _sequence(tlv, 5, 7)
    der.expect(kids[0], der.INTEGER)
    issuer_serial = _sequence(kids[1], 2, 2)
    _check_name(issuer_serial[0])
    serial = der.expect(issuer_serial[1], der.INTEGER)
    digest_oid = _algorithm(kids[2])
    k = 3
    if kids[k].is_(0, der.CONTEXT):
        _attributes(kids[k])
        k += 1
    _algorithm(kids[k])
    enc_digest = der.expect(kids[k + 1], der.OCTET_STRING)
    rest = kids[k + 2:]
    if len(rest) > 1 or (rest and not rest[0].is_(1, der.CONTEXT)):
        raise der.DerError("unexpected element in SignerInfo")
    if rest:
        _attributes(rest[0])
    return issuer_serial[0], serial, digest_oid, enc_digest


def _signed_data_signer(top: der.Tlv) -> tuple[der.Tlv, bytes, str, bytes] | None:
    """The first SignerInfo's (issuer, serial, digest OID, encrypted digest), or None."""
    kind, content = _content_info(top, 0)
    if kind != _OID_SIGNED_DATA or content is None:
        return None
    infos = _set_of(_sequence(content, 4, 6)[-1])
    return _signer_info(infos[0]) if infos else None


def _name_values(name: der.Tlv) -> list[tuple[str, der.Tlv]]:
    values = []
    for rdn in _set_of(name, der.SEQUENCE):
        for attr in _set_of(rdn):
            pair = _sequence(attr, 2, 2)
            values.append((der.oid_text(pair[0]), pair[1]))
    return values


def _check_name(name: der.Tlv) -> None:
    for _, value in _name_values(name):
        if value.cls != der.UNIVERSAL or value.tag not in _NAME_VALUE_TAGS:
            raise der.DerError("name attribute of a type OpenSSL refuses")
        data = der.check_primitive(value)
        if value.tag in _CANON_TAGS:
            _check_converts_to_utf8(value.tag, data)


def _check_converts_to_utf8(tag: int, data: bytes) -> None:
    if tag == der.UTF8_STRING:
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            raise der.DerError("invalid UTF8String") from None
    elif tag in (der.BMP_STRING, der.UNIVERSAL_STRING):
        width = 2 if tag == der.BMP_STRING else 4
        for i in range(0, len(data), width):
            cp = int.from_bytes(data[i:i + width], "big")
            if 0xD800 <= cp <= 0xDFFF or cp > 0x10FFFF:
                raise der.DerError("character that has no UTF-8 form")


def _common_name(name: der.Tlv) -> bytes:
    """The issuer string kmod shows: the first commonName's bytes up to a NUL.

    kmod scans the name's attributes for a commonName and, when none is found, still takes the
    attribute its loop stopped on -- the last one; a name without attributes gives no signer.
    """
    values = [(oid, der.check_primitive(v)) for oid, v in _name_values(name)]
    if not values:
        return b""
    chosen = next((v for oid, v in values if oid == _OID_COMMON_NAME), values[-1][1])
    return chosen.split(b"\0", 1)[0]


def _serial_magnitude(content: bytes) -> bytes:
    """BN_bn2bin of the serial: big-endian magnitude without leading zero bytes (zero -> empty)."""
    value = abs(int.from_bytes(content, "big", signed=True))
    return value.to_bytes((value.bit_length() + 7) // 8, "big")
