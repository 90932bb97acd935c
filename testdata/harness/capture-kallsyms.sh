#!/bin/bash
# Capture /proc/kallsyms of each fixture kernel, booted under qemu by the harness with
# nokaslr (so the addresses are the link-time ones) and read by the guest init as root with
# kptr_restrict=0, before any module is loaded.  Writes testdata/kernels/<arch>/kallsyms.xz
# (the complete file, xz -9) and kallsyms.README saying where it came from.
# Slow: the x86_64 dump (~4 MB) crosses an emulated serial port (about 45 s under TCG).
# Usage: capture-kallsyms.sh [ARCH...]   (default: x86_64 riscv64)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
top="$(cd "$here/../.." && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
arches=("$@")
[ ${#arches[@]} -gt 0 ] || arches=(x86_64 riscv64)
for a in "${arches[@]}"; do
  out="$top/testdata/kernels/$a"
  (cd "$top" && python3 -m pymodpost harness --arch "$a" --timeout 600 --json \
     --kallsyms "$tmp/kallsyms" > "$tmp/run.json")
  kernel="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["kernel"])' "$tmp/run.json")"
  release="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["kernel_release"])' "$tmp/run.json")"
  cmdline="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["cmdline"])' "$tmp/run.json")"
  image="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["boot_image"])' "$tmp/run.json")"
  xz -9 -c "$tmp/kallsyms" > "$out/kallsyms.xz.tmp" && mv "$out/kallsyms.xz.tmp" "$out/kallsyms.xz"
  cat > "$out/kallsyms.README" <<EOT
kallsyms.xz: /proc/kallsyms of the $a fixture kernel, complete and unfiltered ($(wc -l < "$tmp/kallsyms") lines).

Produced by testdata/harness/capture-kallsyms.sh: the pymodpost qemu harness booted
  $kernel
  (release $release, sha256 $(sha256sum "$kernel" | cut -c1-64))
as $image
with the command line '$cmdline'; the guest init (testdata/harness/init.c) set
kernel.kptr_restrict=0 and read /proc/kallsyms as root before loading any module, so every
address is the real one of that boot (nokaslr: the link-time address).
EOT
  echo "$out/kallsyms.xz: $(stat -c %s "$out/kallsyms.xz") bytes"
done
