"""The built-in linker scripts GNU ld 2.40 uses for ``ld -r`` when no ``-T`` is given, per emulation.

kbuild links composite modules (``foo-y := a.o b.o``) with a plain ``ld -r``; ld then places
sections with its compiled-in relocatable script for the emulation (``ld -r --verbose``
shows it).  Only the order of its output section statements and their input patterns matter,
so they are recorded here as data from Debian bookworm's ld 2.40, one token per statement (each
:class:`~pymodpost.arch.target.Target` names its emulation's; ``pymodpost.link.default_scripts``
turns the tokens into a script):

* ``NAME`` is ``NAME 0 : { *(NAME) }``;
* a trailing ``!`` means the statement gives no address;
* ``@RO`` / ``@RW`` is an ONLY_IF_RO / ONLY_IF_RW constraint;
* ``=A,B;C`` lists the input clauses ``*(A B) *(C)`` when they are not just ``*(NAME)``.

The riscv script is the x86-64 one with the small-data sections and without the large-model,
``.plt.*`` and ``.relr`` ones, so it is written as those edits.
"""

from __future__ import annotations

_DEBUG = (".debug .line .debug_srcinfo .debug_sfnames .debug_aranges .debug_pubnames .debug_info "
          ".debug_abbrev .debug_line .debug_frame .debug_str .debug_loc .debug_macinfo "
          ".debug_weaknames .debug_funcnames .debug_typenames .debug_varnames .debug_pubtypes "
          ".debug_ranges .debug_addr .debug_line_str .debug_loclists .debug_macro .debug_names "
          ".debug_rnglists .debug_str_offsets .debug_sup .gnu.attributes")

X86_64 = (
    ".interp .note.gnu.build-id .hash .gnu.hash .dynsym .dynstr .gnu.version .gnu.version_d "
    ".gnu.version_r .rela.init .rela.text .rela.fini .rela.rodata .rela.data.rel.ro .rela.data "
    ".rela.tdata .rela.tbss .rela.ctors .rela.dtors .rela.got .rela.bss .rela.ldata .rela.lbss "
    ".rela.lrodata .rela.ifunc .rela.plt .relr.dyn! .init .plt .plt.got .plt.sec "
    ".text=.text,.stub;.gnu.warning .fini .rodata .rodata1 .eh_frame_hdr .eh_frame@RO .sframe@RO "
    ".gcc_except_table@RO .gnu_extab@RO=.gnu_extab* .exception_ranges@RO .eh_frame@RW .sframe@RW "
    ".gnu_extab@RW .gcc_except_table@RW .exception_ranges@RW .tdata .tbss .jcr .dynamic .got "
    ".got.plt .data .data1 .bss .lbss .lrodata .ldata .stab .stabstr .stab.excl .stab.exclstr "
    ".stab.index .stab.indexstr .comment .gnu.build.attributes! " + _DEBUG
).split()

#: elf64lriscv relative to elf_x86_64: statements dropped, and ones inserted after a statement
_RISCV_DROP = {".rela.ldata", ".rela.lbss", ".rela.lrodata", ".relr.dyn!", ".plt.got", ".plt.sec",
               ".got", ".got.plt", ".lbss", ".lrodata", ".ldata"}
_RISCV_INSERT = {
    ".rela.got": ".rela.sdata .rela.sbss .rela.sdata2 .rela.sbss2",
    ".rodata1": ".sdata2 .sbss2",
    ".data1": ".got .sdata .sbss",
}


def riscv64() -> list[str]:
    out = []
    for tok in X86_64:
        if tok not in _RISCV_DROP:
            out.append(tok)
        out.extend(_RISCV_INSERT.get(tok, "").split())
    return out
