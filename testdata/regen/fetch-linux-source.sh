#!/bin/bash
# Fetch (or reuse) one Debian linux-source-<X> package listed in kernels/sources.txt and print
# the absolute path of the kernel tarball inside it as the last line on stdout.
#
# Usage: fetch-linux-source.sh linux-source-6.12|linux-source-7.3
#
# fetch-debian-package.sh does the fetching (verified, cached, nothing installed).
set -euo pipefail

prog=fetch-linux-source.sh
here="$(cd "$(dirname "$0")" && pwd)"
[ $# -eq 1 ] || { echo "usage: $prog PACKAGE (a linux-source-* package of $here/kernels/sources.txt)" >&2; exit 2; }
unpacked="$("$here/fetch-debian-package.sh" "$1" | tail -1)"
tarball="$(ls "$unpacked"/usr/src/linux-source-*.tar.xz 2>/dev/null | head -1)"
[ -n "$tarball" ] || { echo "$prog: $unpacked: no usr/src/linux-source-*.tar.xz inside" >&2; exit 1; }
echo "$tarball"
