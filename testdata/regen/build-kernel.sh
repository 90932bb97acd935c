#!/bin/bash
# Build (or reuse) one oracle kernel described by testdata/regen/kernels/<kernel>-<arch>.recipe.
#
# Usage: build-kernel.sh KERNEL ARCH        e.g. build-kernel.sh 7.3 x86_64
#        build-kernel.sh --stamp KERNEL ARCH   print the stamp a ready tree must carry, build nothing
#
# Contract (used by the fixture regeneration, the tests and the qemu harness):
#   the last line printed on stdout is the absolute path of the ready O= build tree,
#   <cache>/<dir>/build, which holds Module.symvers, System.map, .config, vmlinux, the boot
#   image, include/generated/utsrelease.h and scripts/module.lds.  The source is unpacked in
#   <cache>/<dir>/src.  <cache> is ${PYMODPOST_CACHE:-$HOME/.cache/pymodpost}; <dir> is the
#   recipe's `dir`.  A stamp file records the source package version and a hash of the
#   configuration recipe; when both still match, the existing tree is reused and nothing is
#   rebuilt.  One builder per tree at a time (flock); KBUILD_BUILD_* are fixed, so a rebuild
#   gives the same vmlinux, image, System.map and Module.symvers.
#
# Recipe keys (one per line, "#" starts a comment; list keys may repeat and accumulate):
#   dir D          cache subdirectory            source PKG   Debian package of the tarball
#   tarball PATH   the tarball when PKG is installed; otherwise fetch-linux-source.sh PKG
#   make_vars V=.. extra make variables (ARCH=, CROSS_COMPILE=)
#   image PATH     the boot image, relative to the build tree
#   options FILE   take the enable/disable/require lists of another recipe first
#   enable/disable OPTS   switched on/off over tinyconfig with scripts/config
#   require OPTS   must be =y after olddefconfig
# The recipe hash covers the enable and disable lists and the compiler's version line.
set -euo pipefail

prog=build-kernel.sh
die() { echo "$prog: $1" >&2; exit "${2:-1}"; }
here="$(cd "$(dirname "$0")" && pwd)"
stamp_only=0
if [ "${1:-}" = "--stamp" ]; then stamp_only=1; shift; fi
[ $# -eq 2 ] || die "usage: $prog [--stamp] KERNEL ARCH (a recipe $here/kernels/KERNEL-ARCH.recipe)" 2
recipe="$here/kernels/$1-$2.recipe"
[ -f "$recipe" ] || die "no recipe $recipe" 2

dir="" source_pkg="" tarball="" image=""
make_vars=() enable_opts=() disable_opts=() required_opts=()
read_recipe() {  # read_recipe FILE [lists-only]
  local file="$1" lists_only="${2:-}" n=0 key rest words
  while IFS= read -r line || [ -n "$line" ]; do
    n=$((n + 1))
    line="${line%%#*}"
    read -r key rest <<<"$line" || true
    [ -n "${key:-}" ] || continue
    read -r -a words <<<"$rest"
    if [ -n "$lists_only" ]; then
      case "$key" in enable|disable|require) ;; *) continue ;; esac
    fi
    case "$key" in
      dir|source|tarball|image|options)
        [ ${#words[@]} -eq 1 ] || die "$file:$n: '$key' takes exactly one value" ;;
    esac
    case "$key" in
      dir) dir="${words[0]}" ;;
      source) source_pkg="${words[0]}" ;;
      tarball) tarball="${words[0]}" ;;
      image) image="${words[0]}" ;;
      make_vars) make_vars+=("${words[@]}") ;;
      options)
        [ -f "$here/kernels/${words[0]}" ] || die "$file:$n: no recipe ${words[0]}"
        read_recipe "$here/kernels/${words[0]}" lists-only ;;
      enable) enable_opts+=("${words[@]}") ;;
      disable) disable_opts+=("${words[@]}") ;;
      require) required_opts+=("${words[@]}") ;;
      *) die "$file:$n: unknown key '$key'" ;;
    esac
  done < "$file"
}
read_recipe "$recipe"
[ -n "$dir" ] && [ -n "$image" ] && [ -n "$source_pkg" ] || die "$recipe: needs dir, source and image lines"
[ ${#enable_opts[@]} -gt 0 ] || die "$recipe: no 'enable' options"

cross=""
for v in ${make_vars[@]+"${make_vars[@]}"}; do
  case "$v" in CROSS_COMPILE=*) cross="${v#CROSS_COMPILE=}" ;; esac
done
for tool in make "${cross}gcc" "${cross}ld" flex bison bc xz tar dpkg-query sha256sum; do
  command -v "$tool" >/dev/null || die "missing tool: $tool" 2
done

# The source: an installed package's tarball (overridable, as before, with
# PYMODPOST_LINUX_SOURCE), or a package pinned in kernels/sources.txt and fetched.
if [ -n "$tarball" ]; then
  src_tarball="${PYMODPOST_LINUX_SOURCE:-$tarball}"
  [ -r "$src_tarball" ] || die "missing $src_tarball (package $source_pkg)" 2
  pkg_version="$(dpkg-query -W -f='${Version}' "$source_pkg" 2>/dev/null || echo unknown)"
else
  pkg_version="$(awk -v p="$source_pkg" '!/^[[:space:]]*#/ && $1 == p { print $2 }' "$here/kernels/sources.txt")"
  [ -n "$pkg_version" ] || die "$here/kernels/sources.txt: no line for $source_pkg" 2
  src_tarball=""  # fetched below, only when the tree has to be (re)built
fi

recipe_hash="$( { printf '%s\n' "${enable_opts[@]}" -- ${disable_opts[@]+"${disable_opts[@]}"}; "${cross}gcc" --version | head -1; } | sha256sum | cut -c1-16)"
stamp_want="$source_pkg=$pkg_version recipe=$recipe_hash"
if [ "$stamp_only" = 1 ]; then echo "$stamp_want"; exit 0; fi

cache_root="${PYMODPOST_CACHE:-$HOME/.cache/pymodpost}"
top="$cache_root/$dir"
stamp="$top/stamp"
build="$top/build"
src="$top/src"
mkdir -p "$top"
# One builder at a time: a second caller waits here, then finds the finished tree.
if command -v flock >/dev/null; then
  exec 9>"$top/lock"
  flock 9
fi
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$stamp_want" ] && [ -f "$build/$image" ] \
   && [ -f "$build/Module.symvers" ]; then
  echo "reusing $build ($stamp_want)" >&2
  echo "$build"
  exit 0
fi

rm -f "$stamp"
if [ -z "$src_tarball" ]; then
  src_tarball="$("$here/fetch-linux-source.sh" "$source_pkg" | tail -1)"
fi
# Unpack under a temporary name and rename, so an interrupted run never leaves a half tree
# that looks complete.
if [ ! -f "$src/Makefile" ] || [ "$(cat "$top/src.version" 2>/dev/null)" != "$pkg_version" ]; then
  rm -rf "$src" "$top"/src.tmp.*
  tmp="$top/src.tmp.$$"
  mkdir -p "$tmp"
  echo "unpacking $src_tarball" >&2
  tar -xJf "$src_tarball" -C "$tmp"
  set -- "$tmp"/*
  [ $# -eq 1 ] && [ -f "$1/Makefile" ] || die "$src_tarball: expected one top-level kernel directory"
  mv "$1" "$src"
  rmdir "$tmp"
  echo "$pkg_version" > "$top/src.version"
fi

rm -rf "$build"
mkdir -p "$build"
kmake() { make -C "$src" O="$build" ${make_vars[@]+"${make_vars[@]}"} "$@"; }
kmake tinyconfig >&2
args=()
for o in "${enable_opts[@]}"; do args+=(-e "$o"); done
for o in ${disable_opts[@]+"${disable_opts[@]}"}; do args+=(-d "$o"); done
"$src/scripts/config" --file "$build/.config" "${args[@]}"
kmake olddefconfig >&2
for o in ${required_opts[@]+"${required_opts[@]}"}; do
  grep -q "^CONFIG_$o=y$" "$build/.config" || die "$recipe: CONFIG_$o did not stick"
done
# KBUILD_BUILD_* fixed so rebuilding gives the same version string and banner.
kmake -j"${PYMODPOST_JOBS:-2}" KBUILD_BUILD_USER=pymodpost KBUILD_BUILD_HOST=pymodpost \
  KBUILD_BUILD_TIMESTAMP='Thu Jan  1 00:00:00 UTC 2026' >&2
for f in Module.symvers System.map vmlinux "$image" include/generated/utsrelease.h scripts/module.lds; do
  [ -f "$build/$f" ] || die "build finished without $f"
done
echo "$stamp_want" > "$stamp"
echo "$build"
