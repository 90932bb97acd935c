#!/bin/bash
# Fetch (or reuse) one Debian package listed in kernels/sources.txt, unpack it and print the
# absolute path of the unpacked tree as the last line on stdout.
#
# Usage: fetch-debian-package.sh PACKAGE   (a package named in kernels/sources.txt: a
#        linux-source-<X> the oracle kernels are built from, or a package of the 7.3 corpus)
#
# The .deb is verified against the sha256 recorded in kernels/sources.txt, kept under
# <cache>/debs/ and unpacked (dpkg-deb -x; nothing is installed) under
# <cache>/sources/<package>_<version>/.  <cache> is ${PYMODPOST_CACHE:-$HOME/.cache/pymodpost}.
# A package of a suite the system's apt sources carry is fetched with plain `apt-get download`;
# any other suite (trixie-backports) through a throw-away apt configuration in a temporary
# directory: its own sources list naming that suite on the mirror the system's sources use for
# the system's own release, its own state and cache directories.  The system's sources, lists
# and dpkg database are not touched.
set -euo pipefail

prog=fetch-debian-package.sh
die() { echo "$prog: $1" >&2; exit "${2:-1}"; }
here="$(cd "$(dirname "$0")" && pwd)"
pins="$here/kernels/sources.txt"
[ $# -eq 1 ] || die "usage: $prog PACKAGE (one of the packages in $pins)" 2
pkg="$1"
line="$(awk -v p="$pkg" '!/^[[:space:]]*#/ && $1 == p' "$pins")"
[ -n "$line" ] || die "$pins: no line for package $pkg" 2
read -r _ version suite sha_want <<<"$line"
[ -n "$suite" ] && [ -n "$sha_want" ] || die "$pins: line for $pkg needs name, version, suite, sha256" 2
for tool in apt-get apt-cache dpkg-deb sha256sum; do
  command -v "$tool" >/dev/null || die "missing tool: $tool" 2
done

cache_root="${PYMODPOST_CACHE:-$HOME/.cache/pymodpost}"
debs="$cache_root/debs"
unpacked="$cache_root/sources/${pkg}_${version}"
mkdir -p "$debs" "$cache_root/sources"
exec 8>"$debs/lock"
flock 8

if [ -f "$unpacked/.sha256" ] && [ "$(cat "$unpacked/.sha256")" = "$sha_want" ]; then
  echo "reusing $unpacked" >&2
  echo "$unpacked"
  exit 0
fi

# apt names the file <name>_<version with ':' as %3a>_<architecture>.deb; an earlier download of
# this version is found whatever its architecture part says
deb=""
for found in "$debs/${pkg}_${version//:/%3a}"_*.deb; do
  [ -f "$found" ] && deb="$found"
done
[ -n "$deb" ] || deb="$debs/${pkg}_${version//:/%3a}_$(dpkg --print-architecture).deb"
# A download rejected earlier (no or another sha256 recorded) is taken if it matches now.
if [ -f "$deb.unverified" ] && [ "$(sha256sum < "$deb.unverified" | cut -d' ' -f1)" = "$sha_want" ]; then
  mv "$deb.unverified" "$deb"
fi
if [ ! -f "$deb" ] || [ "$(sha256sum < "$deb" | cut -d' ' -f1)" != "$sha_want" ]; then
  rm -f "$deb"
  tmp="$(mktemp -d "$debs/fetch.XXXXXX")"
  trap 'rm -rf "$tmp"' EXIT
  # The mirror URL the system uses for a suite, from apt's own view of its sources.
  mirror_of() { apt-cache policy | awk -v s="$1/main" '$3 == s { print $2; exit }'; }
  if [ -n "$(mirror_of "$suite")" ]; then
    echo "downloading $pkg=$version ($suite, system apt sources)" >&2
    (cd "$tmp" && apt-get download -q "$pkg=$version" >&2)
  else
    release="$(. /etc/os-release && echo "${VERSION_CODENAME:-}")"
    mirror="$(mirror_of "$release")"
    [ -n "$mirror" ] || die "no mirror for the system's release '$release' in apt's sources: cannot build a throw-away configuration for $suite"
    echo "downloading $pkg=$version ($suite, throw-away apt configuration on $mirror)" >&2
    mkdir -p "$tmp/state/lists/partial" "$tmp/cache/archives/partial" "$tmp/dl"
    printf 'deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] %s %s main\n' \
      "$mirror" "$suite" > "$tmp/sources.list"
    aptq() {
      apt-get -q -o Dir::Etc::SourceList="$tmp/sources.list" -o Dir::Etc::SourceParts=/dev/null \
        -o Dir::State="$tmp/state" -o Dir::Cache="$tmp/cache" -o Dir::State::status=/dev/null \
        -o Acquire::Languages=none "$@"
    }
    aptq update >&2
    (cd "$tmp/dl" && aptq download "$pkg=$version" >&2)
    mv "$tmp"/dl/*.deb "$tmp/"
  fi
  got="$(ls "$tmp"/*.deb 2>/dev/null | head -1)"
  [ -n "$got" ] || die "apt-get download $pkg=$version produced no .deb"
  sha_got="$(sha256sum < "$got" | cut -d' ' -f1)"
  if [ "$sha_got" != "$sha_want" ]; then
    mv "$got" "$deb.unverified"
    die "$deb.unverified: sha256 $sha_got, but $pins records $sha_want for $pkg $version"
  fi
  deb="$debs/$(basename "$got")"
  mv "$got" "$deb"
fi

# Unpack under a temporary name and rename, so an interrupted run leaves no half tree.
rm -rf "$unpacked" "$unpacked".tmp.*
utmp="$unpacked.tmp.$$"
echo "unpacking $deb" >&2
dpkg-deb -x "$deb" "$utmp"
echo "$sha_want" > "$utmp/.sha256"
mv "$utmp" "$unpacked"
echo "$unpacked"
