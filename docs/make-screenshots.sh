#!/usr/bin/env bash
# Makes the user guide's screenshots (docs/screenshots/*.png) with the built programs:
#
#   docs/make-screenshots.sh [BUILD_DIR]        (default: build; or: cmake --build build --target docs-screenshots)
#
# A fresh demo database in a temporary folder (nothing of yours is read or changed), a
# second coder's coding of the demo recording made with attune-cli (to compare and review),
# then `attune --show VIEW --screenshot FILE` under xvfb-run for each screen, 1280×800.
# pngquant, when installed, makes the files about a third of their size.
set -euo pipefail

docs=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
build=$(cd "${1:-$docs/../build}" && pwd)
out=$docs/screenshots
app=$build/attune
cli=$build/attune-cli
for program in "$app" "$cli"; do
  [ -x "$program" ] || { echo "error: $program is missing: build it first (cmake --build build)" >&2; exit 1; }
done
command -v xvfb-run >/dev/null || { echo "error: xvfb-run is missing (third_party/install-deps.sh installs it)" >&2; exit 1; }

work=$(mktemp -d /tmp/attune-docs-XXXXXX)
trap 'rm -rf "$work"' EXIT
# Own settings, data and name: the window's defaults, whoever runs this.
export HOME=$work/ann XDG_CONFIG_HOME=$work/ann/.config XDG_DATA_HOME=$work/ann/.local/share ATTUNE_USER="Ann Lee"
mkdir -p "$HOME" "$out"
cd "$work"
db=clinic/attune.db  # as the window shows it
attune_cli() { "$cli" --db "$db" "$@" >/dev/null; }

shot() {  # shot NAME ATTUNE-ARGS...: one 1280×800 screenshot of the window
  local name=$1
  shift
  xvfb-run -a -s "-screen 0 1280x800x24" "$app" --db "$db" --width 1280 --height 800 --frames 30 \
    --screenshot "$out/$name.png" "$@" >>"$work/attune.log" 2>&1 || { cat "$work/attune.log" >&2; exit 1; }
  echo "docs/screenshots/$name.png"
}

# The demo session (session 1, coder "demo"), the master coding of its recording.
attune_cli demo
attune_cli session master 1

# Ben's blind coding of the same recording (session 2): episodes, the child's affect a little
# off the master's at the edges, bids, distress.
attune_cli session recode 1 --coder "Ben Ortiz"
add() { attune_cli event add 2 "$@"; }
add free_play --at 0 --end 60
add still_face --at 60 --end 120
add reunion --at 120 --end 180
add child_positive --at 0 --end 22
add child_neutral --at 22 --end 52
add child_positive --at 52 --end 63
add child_negative --at 63 --end 97
add child_neutral --at 97 --end 124
add child_positive --at 124 --end 180
add bid --at 5.4 --modifier channel=vocal
add bid --at 15 --modifier channel=gesture
add bid --at 27.4 --modifier channel=show
add bid --at 66 --modifier channel=vocal
add bid --at 132 --modifier channel=gesture
add distress --at 70 --end 83 --modifier intensity=2
add distress --at 85 --end 93 --modifier intensity=3
attune_cli comment add 2 --at 22 "Smile fades at 24.8 s: watch the mouth"
attune_cli comment add 2 "Bids at 44 s and 150 s are missing"
attune_cli session submit 2
attune_cli rating set 2 sensitivity 7
# Another family's session, observed live (no video), not coded yet.
attune_cli session create --scheme "Attachment core" --dyad D-017 --child-age-months 14 --type "free play" --coder "Ann Lee"

shot start --demo --show start  # --demo: the demo video is made with ffmpeg on the first run

shot coding --session 1
shot keys --session 1 --show keys
shot compare --session 2 --show compare
shot review --session 2 --show review
shot ratings --session 2 --show ratings
shot export --session 2 --show export
shot scheme-editor --session 1 --show schemes

if command -v pngquant >/dev/null; then
  # Exit 98/99: a file that would not get smaller or good enough is left as it is.
  pngquant --force --skip-if-larger --strip --quality 50-80 --speed 1 --ext .png "$out"/*.png || true
fi
du -ch "$out"/*.png | tail -1
