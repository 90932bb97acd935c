#!/bin/bash
# Build (or reuse) a small riscv64 Linux 6.1 kernel from Debian's linux-source-6.1.
#
# Contract (used by the fixture regeneration and by the qemu harness):
#   the last line printed on stdout is the absolute path of the ready O= build tree,
#   <cache>/riscv64-6.1/build, which holds Module.symvers, System.map, .config, vmlinux,
#   arch/riscv/boot/Image, include/generated/utsrelease.h and scripts/module.lds.
# <cache> is ${PYMODPOST_CACHE:-$HOME/.cache/pymodpost}.  A stamp file records the source
# package version and a hash of the configuration recipe; when both still match, the
# existing tree is reused and nothing is rebuilt.
set -euo pipefail

cache_root="${PYMODPOST_CACHE:-$HOME/.cache/pymodpost}"
top="$cache_root/riscv64-6.1"
src_tarball="${PYMODPOST_LINUX_SOURCE:-/usr/src/linux-source-6.1.tar.xz}"
jobs="${PYMODPOST_JOBS:-2}"
cross="riscv64-linux-gnu-"

# Options switched on over tinyconfig.  Kept small: a console on the virt machine's
# 16550 UART and SBI, an initramfs, loadable modules with versions, full kallsyms
# (the harness resolves addresses from /proc/kallsyms) and jump labels (static-key
# fixtures need __jump_table handled by the loader).
enable_opts=(
  ARCH_RV64I 64BIT MMU SOC_VIRT NONPORTABLE
  PRINTK TTY SERIAL_8250 SERIAL_8250_CONSOLE SERIAL_OF_PLATFORM OF
  BLK_DEV_INITRD RD_GZIP BINFMT_ELF BINFMT_SCRIPT PROC_FS SYSFS DEVTMPFS DEVTMPFS_MOUNT
  MODULES MODULE_UNLOAD MODVERSIONS
  DEBUG_KERNEL KALLSYMS KALLSYMS_ALL
  RISCV_SBI RISCV_SBI_V01 HVC_RISCV_SBI PROC_KCORE
  JUMP_LABEL
)
disable_opts=(
  DEBUG_INFO DEBUG_INFO_DWARF_TOOLCHAIN_DEFAULT DEBUG_INFO_DWARF4 DEBUG_INFO_DWARF5
  MODULE_SIG MODULE_COMPRESS_GZIP MODULE_COMPRESS_XZ MODULE_COMPRESS_ZSTD
)
# Options that must be on after olddefconfig, or the tree is not what the fixtures need.
required_opts=(64BIT MMU MODULES MODULE_UNLOAD MODVERSIONS KALLSYMS KALLSYMS_ALL PRINTK
  SERIAL_8250_CONSOLE SERIAL_OF_PLATFORM HVC_RISCV_SBI BLK_DEV_INITRD RD_GZIP PROC_FS SYSFS
  JUMP_LABEL BINFMT_ELF)

for tool in make "${cross}gcc" "${cross}ld" flex bison bc xz tar dpkg-query sha256sum; do
  command -v "$tool" >/dev/null || { echo "build-riscv64-kernel.sh: missing tool: $tool" >&2; exit 2; }
done
[ -r "$src_tarball" ] || { echo "build-riscv64-kernel.sh: missing $src_tarball (package linux-source-6.1)" >&2; exit 2; }

pkg_version="$(dpkg-query -W -f='${Version}' linux-source-6.1 2>/dev/null || echo unknown)"
recipe_hash="$( { printf '%s\n' "${enable_opts[@]}" -- "${disable_opts[@]}"; "${cross}gcc" --version | head -1; } | sha256sum | cut -c1-16)"
stamp_want="linux-source-6.1=$pkg_version recipe=$recipe_hash"
stamp="$top/stamp"

build="$top/build"
src="$top/src"
mkdir -p "$top"
# One builder at a time: a second caller waits here, then finds the finished tree.
if command -v flock >/dev/null; then
  exec 9>"$top/lock"
  flock 9
fi
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$stamp_want" ] && [ -f "$build/arch/riscv/boot/Image" ] \
   && [ -f "$build/Module.symvers" ]; then
  echo "reusing $build ($stamp_want)" >&2
  echo "$build"
  exit 0
fi

rm -f "$stamp"
# Unpack under a temporary name and rename, so an interrupted run never leaves a half tree
# that looks complete.
if [ ! -f "$src/Makefile" ] || [ "$(cat "$top/src.version" 2>/dev/null)" != "$pkg_version" ]; then
  rm -rf "$src" "$top"/src.tmp.*
  tmp="$top/src.tmp.$$"
  mkdir -p "$tmp"
  echo "unpacking $src_tarball" >&2
  tar -xJf "$src_tarball" -C "$tmp"
  mv "$tmp/linux-source-6.1" "$src"
  rmdir "$tmp"
  echo "$pkg_version" > "$top/src.version"
fi

rm -rf "$build"
mkdir -p "$build"
kmake() { make -C "$src" O="$build" ARCH=riscv CROSS_COMPILE="$cross" "$@"; }
kmake tinyconfig >&2
args=()
for o in "${enable_opts[@]}"; do args+=(-e "$o"); done
for o in "${disable_opts[@]}"; do args+=(-d "$o"); done
"$src/scripts/config" --file "$build/.config" "${args[@]}"
kmake olddefconfig >&2
for o in "${required_opts[@]}"; do
  grep -q "^CONFIG_$o=y$" "$build/.config" || { echo "build-riscv64-kernel.sh: CONFIG_$o did not stick" >&2; exit 1; }
done
# KBUILD_BUILD_* fixed so rebuilding gives the same version string and banner.
kmake -j"$jobs" KBUILD_BUILD_USER=pymodpost KBUILD_BUILD_HOST=pymodpost \
  KBUILD_BUILD_TIMESTAMP='Thu Jan  1 00:00:00 UTC 2026' >&2
for f in Module.symvers System.map vmlinux arch/riscv/boot/Image include/generated/utsrelease.h scripts/module.lds; do
  [ -f "$build/$f" ] || { echo "build-riscv64-kernel.sh: build finished without $f" >&2; exit 1; }
done
echo "$stamp_want" > "$stamp"
echo "$build"
