#!/usr/bin/env bash
# Install the Debian packages every test tier needs.  Safe to run again: apt skips what is there.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
export DEBIAN_FRONTEND=noninteractive

apt-get update -q
mapfile -t pkgs < <(grep -v '^\s*#' "$here/packages.txt" | sed '/^\s*$/d')

# The amd64 kernel ABI the fixtures were built against (testdata/manifest.json), if the archive
# still carries it; otherwise whatever linux-headers-amd64 currently depends on.
abi=""
manifest="$here/../testdata/manifest.json"
if [ -f "$manifest" ]; then
    abi=$(python3 -c 'import json,sys; m=json.load(open(sys.argv[1])); print(m.get("x86_64",{}).get("kernel_abi",""))' "$manifest" 2>/dev/null || true)
fi
if [ -z "$abi" ] || ! apt-cache show "linux-headers-$abi" >/dev/null 2>&1; then
    abi=$(apt-cache depends linux-headers-amd64 | awk '/Depends: linux-headers-/{sub("linux-headers-","",$2); print $2; exit}')
fi
echo "install-packages: amd64 kernel ABI $abi"
pkgs+=("linux-headers-$abi" "linux-image-$abi-unsigned")

apt-get install -y -q --no-install-recommends "${pkgs[@]}"
