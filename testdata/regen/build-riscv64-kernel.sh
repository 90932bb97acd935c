#!/bin/bash
# Build (or reuse) the small riscv64 Linux 6.1 kernel: build-kernel.sh 6.1 riscv64 (recipe
# kernels/6.1-riscv64.recipe).  Kept for its callers (the qemu harness, tests, .ci/run).
#
# Contract: the last line printed on stdout is the absolute path of the ready O= build tree,
# <cache>/riscv64-6.1/build, <cache> = ${PYMODPOST_CACHE:-$HOME/.cache/pymodpost}.
set -euo pipefail
exec "$(cd "$(dirname "$0")" && pwd)/build-kernel.sh" 6.1 riscv64 "$@"
