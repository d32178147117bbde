#!/bin/sh
# The Debian package, as a clinic's machine gets it: builds it with cpack from the build
# folder (what is built already; nothing is rebuilt), checks its control fields, unpacks it
# with dpkg -x into a temporary root and runs the installed programs from there (no source
# tree, no build folder): attune-cli --version and demo, attune --version and a screenshot
# of the demo under the display ctest runs in (xvfb-run); checks the desktop entry with
# desktop-file-validate, the man pages with man, and the bash completion with bash.
# Usage: test_package.sh BUILD_DIR VERSION
set -eu
build=$1
version=$2
fail() { echo "FAIL: $*" >&2; exit 1; }

tmp=$(mktemp -d /tmp/attune-package-test.XXXXXX)
trap 'rm -rf -- "$tmp"' EXIT INT TERM

# ---- the package -------------------------------------------------------------------------
cpack -G DEB --config "$build/CPackConfig.cmake" -B "$tmp/out" >"$tmp/cpack.log" 2>&1 \
  || { cat "$tmp/cpack.log" >&2; fail "cpack -G DEB failed"; }
deb=$tmp/out/attune_${version}_amd64.deb
[ -f "$deb" ] || fail "no $deb (made: $(ls "$tmp/out"))"
echo "built $(basename "$deb") ($(wc -c <"$deb") bytes)"

field() { dpkg-deb -f "$deb" "$1"; }
[ "$(field Package)" = attune ] || fail "Package: $(field Package)"
[ "$(field Version)" = "$version" ] || fail "Version: $(field Version), expected $version"
[ "$(field Architecture)" = amd64 ] || fail "Architecture: $(field Architecture)"
depends=$(field Depends)
echo "Depends: $depends"
# The runtime libraries' Debian 12 packages (dpkg-shlibdeps) and what is run or read.
for p in libmpv2 libglfw3 libsqlite3-0 libssl3 libavformat59 libstdc++6 ffmpeg fonts-dejavu-core; do
  case ", $depends," in *", $p "* | *", $p,"*) ;; *) fail "Depends lacks $p" ;; esac
done

root=$tmp/root
dpkg -x "$deb" "$root"
bin=$root/usr/bin
share=$root/usr/share
for f in "$bin/attune" "$bin/attune-cli" "$share/applications/attune.desktop" \
         "$share/icons/hicolor/scalable/apps/attune.svg" "$share/icons/hicolor/48x48/apps/attune.png" \
         "$share/icons/hicolor/256x256/apps/attune.png" \
         "$share/man/man1/attune.1.gz" "$share/man/man1/attune-cli.1.gz" \
         "$share/bash-completion/completions/attune-cli" \
         "$share/attune/schemes/attachment-core.json" "$share/attune/schemes/pcit-dpics.json" \
         "$share/attune/schemas/coding-scheme.schema.json" "$share/attune/schemas/001-initial.sql" \
         "$share/doc/attune/install.md"; do
  [ -s "$f" ] || fail "the package lacks ${f#"$root"}"
done
# Nothing points back into the build: no RUNPATH/RPATH in the installed programs.
for p in attune attune-cli; do
  if readelf -d "$bin/$p" | grep -Eq 'RUNPATH|RPATH'; then fail "$p has a RUNPATH: $(readelf -d "$bin/$p" | grep PATH)"; fi
done

# ---- the installed programs, run from the unpacked root ---------------------------------
# A private home: the programs write only there and in the database's folder.
export HOME=$tmp/home XDG_CONFIG_HOME=$tmp/home/.config XDG_DATA_HOME=$tmp/home/.local/share
export ATTUNE_USER=package-test
unset ATTUNE_DB
mkdir -p "$HOME"
cd "$tmp"  # not the source tree or the build folder

[ "$("$bin/attune-cli" --version)" = "attune-cli $version" ] || fail "attune-cli --version: $("$bin/attune-cli" --version)"
[ "$("$bin/attune" --version)" = "attune $version" ] || fail "attune --version: $("$bin/attune" --version)"

db=$tmp/data/attune.db
out=$("$bin/attune-cli" --db "$db" demo) || fail "attune-cli demo failed: $out"
echo "attune-cli demo: $(echo "$out" | head -n 1)"
case $out in "created demo session "*) ;; *) fail "attune-cli demo said: $out" ;; esac
"$bin/attune-cli" --db "$db" verify >/dev/null || fail "attune-cli verify of the demo database failed"

[ -n "${DISPLAY:-}" ] || fail "no DISPLAY: run ctest under xvfb-run (README)"
"$bin/attune" --db "$db" --demo --screenshot "$tmp/demo.png" --frames 20 >"$tmp/attune.log" 2>&1 \
  || { cat "$tmp/attune.log" >&2; fail "the installed attune --demo --screenshot failed"; }
[ "$(head -c 8 "$tmp/demo.png" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] || fail "the screenshot is not a PNG"
[ -s "$tmp/data/attune-demo.mp4" ] || fail "the installed attune made no demo video beside the database"
echo "attune --demo --screenshot: $(wc -c <"$tmp/demo.png") bytes"

# ---- desktop entry, man pages, completion ----------------------------------------------
desktop-file-validate "$share/applications/attune.desktop" || fail "desktop-file-validate"
grep -q '^Exec=attune$' "$share/applications/attune.desktop" || fail "the desktop entry does not run attune"
for p in attune attune-cli; do
  page=$(MANWIDTH=100 man -l "$share/man/man1/$p.1.gz" 2>/dev/null) || fail "man -l $p.1.gz failed"
  echo "$page" | grep -q -- "--version" || fail "$p(1) lacks --version"
done
page=$(MANWIDTH=200 man -l "$share/man/man1/attune-cli.1.gz" 2>/dev/null)
for c in "attune-cli scheme validate" "attune-cli session create" "attune-cli export" "attune-cli agreement"; do
  echo "$page" | grep -q "$c" || fail "attune-cli(1) lacks the help of '$c'"
done
completes() {  # completes WORDS... -> the completions of the last word
  bash -c '. "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _attune_cli; echo "${COMPREPLY[*]}"' \
    bash "$share/bash-completion/completions/attune-cli" "$@"
}
[ "$(completes attune-cli sch)" = scheme ] || fail "completion of 'attune-cli sch': $(completes attune-cli sch)"
[ "$(completes attune-cli export --format "")" = "csv json sdis html" ] || fail "completion of --format"
echo "all package checks passed"
