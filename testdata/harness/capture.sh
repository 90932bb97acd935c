#!/bin/bash
# Re-capture the real console transcripts the harness parser tests read
# (testdata/harness/<arch>-params.console): boot each fixture kernel under qemu and load the
# kbuild-built params fixture three times -- with a parameter the kernel rejects (EINVAL),
# with valid parameters (loads; sysfs and kallsyms are read; unloaded at the end), and again
# while it is loaded (EEXIST).  tests/harness/test_protocol.py states these facts.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
top="$(cd "$here/../.." && pwd)"
for arch in x86_64 riscv64; do
  ko="$top/testdata/$arch/params/params.ko"
  out="$here/$arch-params.console"
  rm -f "$out"
  # status 1 is expected (two of the loads fail); a run that did not finish writes no file
  python3 -m pymodpost harness --arch "$arch" --console "$out" \
    "$ko" count=abc \
    "$ko" count=7 greeting=hey verbose=1 levels=4,5,6 label=xyz bitmask=0x10 \
    "$ko" || [ $? -eq 1 ]
  [ -s "$out" ] || { echo "capture.sh: $arch: no console captured" >&2; exit 1; }
done
