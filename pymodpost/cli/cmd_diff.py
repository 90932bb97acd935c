"""``pymodpost diff A.ko B.ko``: name every semantic difference; exit 0 equal, 1 different."""

from __future__ import annotations


def add_arguments(parser) -> None:
    parser.add_argument("a", metavar="A", help="first ELF object (e.g. the GNU ld .ko)")
    parser.add_argument("b", metavar="B", help="second ELF object (e.g. pymodpost-ld's .ko)")


def run(args) -> int:
    from pymodpost.elf.diff import diff_files

    result = diff_files(args.a, args.b)
    if result.identical_bytes:
        print(f"{args.a} and {args.b} are byte-identical")
        return 0
    if result.equal:
        print(f"{args.a} and {args.b} are semantically identical (bytes differ)")
        return 0
    for line in result.differences:
        print(line)
    return 1
