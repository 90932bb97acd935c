#!/bin/bash
# Rebuild the reference fixtures under testdata/ with the real kbuild, modpost and ld.
# Usage: testdata/regen/regen.sh [--arch x86_64|riscv64|all] [--module NAME]...
# Installs nothing: testdata/regen/packages.txt lists the Debian packages it needs.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
exec python3 "$here/regen.py" "$@"
