"""COMDAT section groups in a relocatable link (``section_already_linked`` and
``bfd_elf_set_group_contents``)."""

from __future__ import annotations

import struct

from pymodpost.elf import constants as C
from pymodpost.link import inputs as I
from pymodpost.link.errors import LinkError
from pymodpost.link.placement import DISCARDED


def discard_duplicate_groups(objects: list[I.InputObject]) -> None:
    """COMDAT de-duplication as ld does it while loading inputs (section_already_linked): the
    first group with a signature is kept, later ones are discarded with all their sections."""
    seen: set[str] = set()
    for obj in objects:
        for grp in obj.sections:
            if grp.type != C.SHT_GROUP:
                continue
            if not grp.bfd & I.SEC_LINK_ONCE:
                continue
            if grp.signature in seen:
                grp.output = DISCARDED
                for member in grp.members:
                    member.output = DISCARDED
            else:
                seen.add(grp.signature)


def allocate_group_members(objects: list[I.InputObject]) -> None:
    """``--force-group-allocation`` (7.3's Makefile.modfinal passes it to the final ld -r):
    BFD resolves the groups (resolve_section_groups) -- duplicates are still dropped, but the
    SHT_GROUP sections themselves leave the output and their members are placed like any other
    input section (script patterns match them, orphans merge by name, SHF_GROUP is cleared)."""
    for obj in objects:
        for grp in obj.sections:
            if grp.type != C.SHT_GROUP:
                continue
            grp.output = DISCARDED
            for member in grp.members:
                member.group = None


def group_contents(grp: I.InputSection, shndx, has_relocs, globals_,
                    local_maps) -> tuple[bytearray, int]:
    """An output SHT_GROUP section (``bfd_elf_set_group_contents`` for ld -r): the flag word,
    then each kept member's output index followed by its relocation section's, right-aligned
    in a section as large as the input one; sh_info is the signature symbol's output index."""
    words = []
    for m in grp.members:
        if m.type in (C.SHT_RELA, C.SHT_REL) or m.output in (None, DISCARDED):
            continue
        words.append(shndx[id(m.output)])
        if has_relocs[id(m.output)] and m.relocs is not None and m.relocs.flags & C.SHF_GROUP:
            words.append(shndx[id(m.output)] + 1)
    flag = I.GRP_COMDAT if grp.bfd & I.SEC_LINK_ONCE else 0
    body = struct.pack(f"<{len(words)}I", *words)
    out = bytearray(struct.pack("<I", flag) + bytes(max(grp.size - 4 - len(body), 0)) + body)
    if grp.info < grp.obj.first_global:
        # a local signature (g++ -O0 destructor groups): the symbol as written among the locals
        index = local_maps[id(grp.obj)][grp.info]
        if index < 0:
            raise LinkError(f"ld: {grp.obj.path}: group signature `{grp.signature}' not written")
        return out, index
    return out, globals_[grp.signature].out_index
