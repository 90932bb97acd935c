"""Assertions for relocation-handler tests whose failure shows the inputs, the formula and the bytes.

::

    from pymodpost.reloc.testing import assert_applies, assert_refused

    assert_applies(k, "R_X86_64_PC32", S=0xffffffffc0002000, A=-4, P=0xffffffffc0001000, expect="fc0f0000")
    assert_refused(k, "R_X86_64_32S", S=0xffffffff00000000, A=0, P=0xffffffffc0001000,
                   message="module: overflow in relocation type 11 val ffffffff00000000", errno="ENOEXEC")

Both work in any test runner (they raise AssertionError); under pytest their own frames are
hidden from tracebacks.
"""

from __future__ import annotations

from pymodpost.reloc.kit import Kernel, Refused, Result


def _bytes(expect: bytes | str) -> bytes:
    """Expected bytes as bytes or as hex text (spaces allowed, as ``objdump`` prints them)."""
    return bytes.fromhex(expect) if isinstance(expect, str) else bytes(expect)


def _spaced(data: bytes) -> str:
    return " ".join(f"{b:02x}" for b in data) or "(none)"


def _inputs(kernel: Kernel, rtype, S: int, A: int, P: int) -> list[str]:
    return [f"{kernel.name(rtype)} on {kernel.arch} {kernel.dialect}",
            f"  S = {S:#x}", f"  A = {A:#x}" if A >= 0 else f"  A = -{-A:#x}", f"  P = {P:#x}",
            f"  formula: {kernel.formula(rtype)}"]


def _diff_marks(expected: bytes, got: bytes) -> str:
    width = max(len(expected), len(got))
    return " ".join("^^" if expected[i:i + 1] != got[i:i + 1] else "  " for i in range(width)).rstrip()


def assert_applies(kernel: Kernel, rtype, *, S: int, A: int, P: int, expect: bytes | str, data: bytes | None = None,
                   hi20=None, truncated: bool | None = None) -> Result:
    """Apply the relocation and require ``expect`` (the bytes at P after); returns the result.

    ``truncated`` (when given) must match :attr:`Result.truncated`.
    """
    __tracebackhide__ = True
    want = _bytes(expect)
    try:
        result = kernel.apply(rtype, S=S, A=A, P=P, data=data, hi20=hi20)
    except Refused as e:
        raise AssertionError("\n".join([*_inputs(kernel, rtype, S, A, P), "  expected: " + _spaced(want),
                                        "  got: refused", *(f"    {line}" for line in e.log),
                                        f"    errno {e.errno}"])) from None
    problems = []
    if result.data != want:
        problems += ["  expected: " + _spaced(want), "  got:      " + _spaced(result.data),
                     "            " + _diff_marks(want, result.data)]
    if truncated is not None and result.truncated != truncated:
        problems.append(f"  truncated: expected {truncated}, got {result.truncated}")
    if problems:
        raise AssertionError("\n".join([*_inputs(kernel, rtype, S, A, P), "  before:   " + _spaced(result.before),
                                        *problems]))
    return result


def assert_refused(kernel: Kernel, rtype, *, S: int, A: int, P: int, message: str, errno: str | None = None,
                   data: bytes | None = None, hi20=None) -> Refused:
    """Require the kernel to refuse with ``message`` as its first log line (and ``errno``, when
    given); returns the :class:`Refused`."""
    __tracebackhide__ = True
    try:
        result = kernel.apply(rtype, S=S, A=A, P=P, data=data, hi20=hi20)
    except Refused as e:
        problems = []
        if e.message != message:
            problems += [f"  expected message: {message}", f"  got message:      {e.message}"]
        if errno is not None and e.errno != errno:
            problems.append(f"  expected errno {errno}, got {e.errno}")
        if problems:
            raise AssertionError("\n".join([*_inputs(kernel, rtype, S, A, P), *problems])) from None
        return e
    raise AssertionError("\n".join([*_inputs(kernel, rtype, S, A, P), f"  expected a refusal: {message}",
                                    "  got: applied, " + _spaced(result.before) + " -> " + _spaced(result.data)]))
