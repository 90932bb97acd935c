"""Booting an x86_64 bzImage faster: hand qemu the vmlinux inside it, entered through PVH.

Under TCG most of an x86_64 boot of Debian's kernel goes into the bzImage's own decompressor
(an 8 MB xz payload unpacked by emulated code: several seconds).  A kernel built with
``CONFIG_PVH`` carries an ELF note (Xen's ``PHYS32_ENTRY``) that lets qemu load the vmlinux ELF
directly and start it in 32-bit protected mode.  So the payload is unpacked once, here, by the
host's own xz/gzip, and cached; qemu then boots the very same kernel code without the
decompression step.  Payload location (Documentation/x86/boot.rst): the protected-mode part of
the bzImage starts after ``(setup_sects + 1) * 512`` bytes and holds the compressed kernel at
``payload_offset``, ``payload_length`` bytes long.
"""

from __future__ import annotations

import gzip
import hashlib
import lzma
import struct
import zlib

from pymodpost.elf.constants import EI_CLASS, EI_DATA, ELFCLASS64, ELFDATA2LSB, ELFMAG, PT_NOTE
from pymodpost.elf.layouts import EHDR, NHDR, PHDR
from pymodpost.fileio import read_bytes, write_atomic
from pymodpost.harness.kernels import cache_root

SETUP_SECTS = 0x1F1
HEADER_MAGIC = 0x202  # "HdrS"
PAYLOAD = 0x248  # payload_offset, payload_length (boot protocol 2.08+)
XEN_NOTE_NAME = b"Xen\0"
XEN_ELFNOTE_PHYS32_ENTRY = 18
EHDR64, PHDR64, NHDR64 = (r.struct(64, True) for r in (EHDR, PHDR, NHDR))


def bzimage_payload(image: bytes) -> bytes | None:
    """The compressed kernel inside a bzImage, or None if ``image`` is not one."""
    if len(image) < 0x250 or image[HEADER_MAGIC:HEADER_MAGIC + 4] != b"HdrS":
        return None
    setup_sects = image[SETUP_SECTS] or 4
    offset, length = struct.unpack_from("<II", image, PAYLOAD)
    start = (setup_sects + 1) * 512 + offset
    if not length or start + length > len(image):
        return None
    return image[start:start + length]


def decompress(payload: bytes) -> bytes | None:
    """Unpack an xz or gzip payload (the two the Python standard library reads)."""
    try:
        if payload.startswith(b"\xfd7zXZ\0"):
            return lzma.LZMADecompressor(format=lzma.FORMAT_XZ).decompress(payload)
        if payload.startswith(b"\x1f\x8b"):
            return gzip.decompress(payload)
    except (lzma.LZMAError, OSError, EOFError, zlib.error):
        return None
    return None


def has_pvh_entry(elf: bytes) -> bool:
    """Does this 64-bit little-endian ELF have a Xen PHYS32_ENTRY note in a PT_NOTE segment?"""
    if (elf[:4] != ELFMAG or elf[EI_CLASS] != ELFCLASS64 or elf[EI_DATA] != ELFDATA2LSB
            or len(elf) < EHDR64.size):
        return False
    header = dict(zip(EHDR.names(64), EHDR64.unpack_from(elf, 0)))
    for i in range(header["e_phnum"]):
        base = header["e_phoff"] + i * header["e_phentsize"]
        if base + PHDR64.size > len(elf):
            return False
        phdr = dict(zip(PHDR.names(64), PHDR64.unpack_from(elf, base)))
        if phdr["p_type"] != PT_NOTE:
            continue
        pos, end = phdr["p_offset"], min(phdr["p_offset"] + phdr["p_filesz"], len(elf))
        while pos + NHDR64.size <= end:
            namesz, descsz, note_type = NHDR64.unpack_from(elf, pos)
            name_at = pos + NHDR64.size
            if elf[name_at:name_at + namesz] == XEN_NOTE_NAME and note_type == XEN_ELFNOTE_PHYS32_ENTRY:
                return True
            pos = name_at + (namesz + 3) // 4 * 4 + (descsz + 3) // 4 * 4
    return False


def pvh_vmlinux(bzimage: str) -> str | None:
    """Path of the cached vmlinux of ``bzimage`` when it can be booted through PVH, else None
    (not a bzImage, a compression the standard library cannot read, or no PVH entry)."""
    image = read_bytes(bzimage)
    target = cache_root() / "harness" / f"vmlinux-{hashlib.sha256(image).hexdigest()[:16]}"
    refused = target.with_name(target.name + ".no-pvh")
    if target.exists():
        return str(target)
    if refused.exists():
        return None
    payload = bzimage_payload(image)
    vmlinux = decompress(payload) if payload is not None else None
    target.parent.mkdir(parents=True, exist_ok=True)
    if vmlinux is None or not has_pvh_entry(vmlinux):
        refused.touch()  # remember, so the next boot does not unpack again
        return None
    write_atomic(target, vmlinux)  # concurrent runs never see half a file
    return str(target)
