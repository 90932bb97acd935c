#!/usr/bin/env bash
# Install the Debian packages every test tier needs.  Safe to run again: apt skips what is there.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
export DEBIAN_FRONTEND=noninteractive

apt-get update -q
mapfile -t pkgs < <(grep -v '^\s*#' "$here/packages.txt" | sed '/^\s*$/d')

# The amd64 kernels the fixtures were built against, at the exact versions recorded in
# testdata/manifest.json (6.1: linux-headers-6.1.0-56-amd64; 6.12: linux-headers-6.12.118+deb12-amd64;
# each with its linux-image-<abi>-unsigned), listed by testdata/regen/pins.py.
mapfile -t pins < <(python3 "$here/../testdata/regen/pins.py")
missing=()
for pin in "${pins[@]}"; do
    if apt-cache show "$pin" >/dev/null 2>&1; then
        pkgs+=("$pin")
    else
        missing+=("${pin%%=*}")
        echo "install-packages: package ${pin%%=*} version ${pin#*=} (pinned in testdata/manifest.json) is no longer in the archive" >&2
    fi
done
# Without the pinned 6.1 headers, at least the ABI linux-headers-amd64 currently depends on, so
# the live kbuild tier has a tree (tests bound to recorded outputs name the missing package).
if [ ${#missing[@]} -gt 0 ]; then
    abi=$(apt-cache depends linux-headers-amd64 | awk '/Depends: linux-headers-/{sub("linux-headers-","",$2); print $2; exit}')
    echo "install-packages: also installing the current amd64 kernel ABI $abi" >&2
    pkgs+=("linux-headers-$abi" "linux-image-$abi-unsigned")
fi

apt-get install -y -q --no-install-recommends "${pkgs[@]}"
if [ ${#missing[@]} -gt 0 ]; then
    echo "install-packages: NOT installed (gone from the archive): ${missing[*]}" >&2
fi
