"""``pymodpost diff A.ko B.ko``: name every semantic difference; exit 0 equal, 1 different."""

from __future__ import annotations


def add_arguments(parser) -> None:
    parser.add_argument("a", metavar="A", help="first ELF object (e.g. the GNU ld .ko)")
    parser.add_argument("b", metavar="B", help="second ELF object (e.g. pymodpost-ld's .ko)")
    parser.add_argument("--html", metavar="FILE", help="write the diff as a self-contained HTML page to FILE")


def run(args) -> int:
    from pymodpost.elf.diff import diff_files

    if args.html:
        from pymodpost.report.page import output_path

        output_path(args.html)
    result = diff_files(args.a, args.b)
    if args.html:
        from pymodpost.elf.diff import section_summary
        from pymodpost.report.page import diff_report, write_page

        write_page(args.html, diff_report(args.a, args.b, result, section_summary(args.a), section_summary(args.b)))
        print(f"report written to {args.html}")
        return 0 if result.equal else 1
    if result.identical_bytes:
        print(f"{args.a} and {args.b} are byte-identical")
        return 0
    if result.equal:
        print(f"{args.a} and {args.b} are semantically identical (bytes differ)")
        return 0
    for line in result.differences:
        print(line)
    return 1
