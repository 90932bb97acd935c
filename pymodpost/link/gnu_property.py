"""The GNU property note (``.note.gnu.property``) of a relocatable link, as BFD merges it.

ld does not concatenate the inputs' property notes: ``_bfd_elf_link_setup_gnu_properties`` takes
the first input that has one, merges every other input's properties into its list (an input
without a property counts as not having it), writes the merged list into that input's section
and excludes all the others' (SEC_EXCLUDE).  Only the x86 backend has properties a kernel object
carries: ``GNU_PROPERTY_X86_FEATURE_1_AND`` (IBT, SHSTK: 6.12's x86 objects are built with
-fcf-protection=branch) -- ANDed, and dropped when the result is 0 or an input lacks it.
Properties of other kinds are refused rather than merged differently.
"""

from __future__ import annotations

import struct

from pymodpost.elf import constants as C
from pymodpost.link import inputs as I
from pymodpost.link.errors import LinkError
from pymodpost.link.placement import DISCARDED

NOTE_NAME = b"GNU\0"
NT_GNU_PROPERTY_TYPE_0 = 5
#: x86's ranges of 32-bit properties ANDed / ORed across inputs (include/elf/common.h)
X86_UINT32_AND = range(0xC0000002, 0xC0008000)
X86_UINT32_OR = range(0xC0008000, 0xC0010000)
SECTION = ".note.gnu.property"


def _parse(sec: I.InputSection) -> dict[int, int]:
    """pr_type -> 32-bit value of one input's note (ELFCLASS64: properties padded to 8)."""
    data, path = bytes(sec.data), sec.obj.path
    props: dict[int, int] = {}
    pos = 0
    while pos < len(data):
        if pos + 12 > len(data):
            raise LinkError(f"ld: warning: {path}: corrupt GNU_PROPERTY_TYPE (0) size")
        namesz, descsz, ntype = struct.unpack_from("<III", data, pos)
        name_end = pos + 12 + (namesz + 3 & ~3)
        desc = data[name_end:name_end + descsz]
        if data[pos + 12:pos + 12 + namesz] != NOTE_NAME or ntype != NT_GNU_PROPERTY_TYPE_0 \
                or len(desc) != descsz:
            raise LinkError(f"ld: {path}: a {SECTION} note other than one GNU property list "
                            f"is not supported by pymodpost-ld")
        at = 0
        while at + 8 <= len(desc):
            pr_type, datasz = struct.unpack_from("<II", desc, at)
            if datasz != 4 or at + 8 + 4 > len(desc):
                raise LinkError(f"ld: {path}: GNU property {pr_type:#x} of {datasz} bytes is not "
                                f"supported by pymodpost-ld")
            props[pr_type] = struct.unpack_from("<I", desc, at + 8)[0]
            at += (8 + datasz + 7) & ~7
        pos = name_end + (descsz + 7 & ~7)
    return props


def _merge(first: dict[int, int], other: dict[int, int], path: str) -> dict[int, int]:
    merged = {}
    for pr_type in sorted(set(first) | set(other)):
        if pr_type in X86_UINT32_AND:
            value = first.get(pr_type, 0) & other.get(pr_type, 0)
        elif pr_type in X86_UINT32_OR:
            value = first.get(pr_type, 0) | other.get(pr_type, 0)
        else:
            raise LinkError(f"ld: {path}: merging GNU property {pr_type:#x} is not supported by "
                            f"pymodpost-ld")
        if value:
            merged[pr_type] = value
    return merged


def _note(props: dict[int, int]) -> bytes:
    desc = b"".join(struct.pack("<IIII", t, 4, v, 0) for t, v in sorted(props.items()))
    return struct.pack("<III", len(NOTE_NAME), len(desc), NT_GNU_PROPERTY_TYPE_0) + NOTE_NAME + desc


def merge_properties(objects: list[I.InputObject]) -> None:
    """Leave the merged note in the first property section and exclude the others'."""
    sections = [next((s for s in obj.sections if s.name == SECTION and s.type == C.SHT_NOTE), None)
                for obj in objects]
    first = next((i for i, s in enumerate(sections) if s is not None), None)
    if first is None:
        return
    merged = _parse(sections[first])
    for obj, sec in zip(objects, sections):
        if sec is sections[first]:
            continue
        merged = _merge(merged, _parse(sec) if sec is not None else {}, obj.path)
    for sec in sections:
        if sec is not None:
            sec.output = DISCARDED
    if merged:
        keep = sections[first]
        keep.output = None
        keep.contents = _note(merged)
        keep.size = len(keep.contents)
