"""Relocation-handler tests written with pymodpost's kit -- copy this file and adapt it.

Needs only ``pip install pymodpost`` and pytest: the ``reloc_kernel`` fixture comes from the
plugin pymodpost registers with pytest; no conftest.py is needed.
"""

import pytest

from pymodpost import reloc
from pymodpost.reloc.testing import assert_applies, assert_refused

MODULE_TEXT = 0xFFFFFFFFC0001000  # x86_64: where the relocated instruction sits (P)
RISCV_TEXT = 0xFFFFFFFF01000000  # riscv64: modules sit in the 2 GiB below the kernel image


def test_x86_64_pc32_call(reloc_kernel):
    k = reloc_kernel("x86_64", "6.1")
    # call rel32 to 0x1000 bytes further on: S + A - P with A = -4 (the field ends the instruction)
    assert_applies(k, "R_X86_64_PC32", S=MODULE_TEXT + 0x1000, A=-4, P=MODULE_TEXT, expect="fc 0f 00 00")


def test_x86_64_pc32_far_target_is_truncated_silently_by_6_1(reloc_kernel):
    k = reloc_kernel("x86_64", "6.1")
    # 2 GiB + 4 back: does not fit the signed 32-bit field; 6.1 has no check and writes the low bits
    result = assert_applies(k, "R_X86_64_PC32", S=MODULE_TEXT - 0x80000004, A=0, P=MODULE_TEXT,
                            expect="fc ff ff 7f", truncated=True)
    assert "no range check" in result.formula


def test_x86_64_32s_overflow_is_refused(reloc_kernel):
    k = reloc_kernel("x86_64", "6.1", module="mydriver")
    e = assert_refused(k, "R_X86_64_32S", S=0xFFFFFFFF00000000, A=0, P=MODULE_TEXT,
                       message="module: overflow in relocation type 11 val ffffffff00000000", errno="ENOEXEC")
    assert e.log[1] == "module: `mydriver' likely not compiled with -mcmodel=kernel"


def test_riscv64_far_call_goes_through_a_plt_entry(reloc_kernel):
    k = reloc_kernel("riscv64", "6.1")
    call = bytes.fromhex("97000000 e7800000")  # auipc ra, 0; jalr ra, 0(ra)
    result = k.apply("R_RISCV_CALL_PLT", S=0x1000, A=0, P=RISCV_TEXT, data=call)
    (plt,) = result.entries
    assert plt.kind == "plt" and plt.value == 0x1000
    # the pair now calls the PLT entry, which jumps on through its GOT slot
    assert_applies(k, "R_RISCV_CALL", S=plt.address, A=0, P=RISCV_TEXT, data=call, expect=result.data)


def test_riscv64_pcrel_pair_in_a_section(reloc_kernel):
    k = reloc_kernel("riscv64", "6.1")
    text = bytes.fromhex("17050000 13050500")  # auipc a0, 0; addi a0, a0, 0
    result = (k.section(text, base=RISCV_TEXT, symbols={"counter": RISCV_TEXT + 0x1234})
              .rela(0, "R_RISCV_PCREL_HI20", "counter")
              .rela(4, "R_RISCV_PCREL_LO12_I", RISCV_TEXT)  # names the label at the auipc
              .apply())
    assert result.data == bytes.fromhex("17150000 13054523")


@pytest.mark.parametrize("dialect", reloc.dialect_names())
def test_riscv64_set6_from_6_7(reloc_kernel, dialect):
    k = reloc_kernel("riscv64", dialect)
    if k.handler("R_RISCV_SET6") is None:  # 6.1: no handler
        assert_refused(k, "R_RISCV_SET6", S=0x10, A=0, P=RISCV_TEXT,
                       message="module: Unknown relocation type 53", errno="EINVAL")
    else:  # the low 6 bits of S + A under the byte's own top two bits
        assert_applies(k, "R_RISCV_SET6", S=0x1255, A=0, P=RISCV_TEXT, data=b"\xc0", expect="d5")


def test_a_field_past_the_data_is_a_mistake_in_the_test(reloc_kernel):
    with pytest.raises(ValueError, match="does not fit"):
        reloc_kernel("x86_64", "6.1").apply("R_X86_64_64", S=0, A=0, P=RISCV_TEXT, data=bytes(4))
