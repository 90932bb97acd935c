#!/usr/bin/env bash
# Rebuild testdata/modinfo/samples/ and record real kmod modinfo outputs into expected.json.
# Needs: kmod's modinfo (Debian bookworm: kmod 30), openssl, the kernel's scripts/sign-file from
# linux-headers-6.1.0-56-amd64, binutils (strip, objcopy), xz, zstd, gzip.
#   testdata/modinfo/regen.sh            # samples, then record
#   testdata/modinfo/regen.sh record     # only re-record outputs for the committed samples
set -euo pipefail
cd "$(dirname "$0")/../.."
for tool in modinfo openssl strip objcopy xz zstd gzip; do
    command -v "$tool" >/dev/null || { echo "regen.sh: $tool is not installed" >&2; exit 1; }
done
[ -x /usr/src/linux-headers-6.1.0-56-amd64/scripts/sign-file ] ||
    { echo "regen.sh: linux-headers-6.1.0-56-amd64 (scripts/sign-file) is not installed" >&2; exit 1; }
exec python3 testdata/modinfo/regen.py "$@"
