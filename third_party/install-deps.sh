#!/usr/bin/env bash
# Installs the Debian 12 packages Attune builds and tests with, only those missing.
# Idempotent; run as root (or with sudo available). See third_party/README.md for why each is here.
set -euo pipefail

packages=(
  # toolchain
  build-essential cmake ninja-build pkg-config
  # core libraries
  libsqlitecpp-dev libsqlite3-dev nlohmann-json3-dev libcli11-dev libssl-dev
  # GUI and video (app layer)
  libimgui-dev libglfw3-dev libmpv-dev libstb-dev fonts-dejavu-core
  # frame index of a video (media; also attune-cli)
  libavformat-dev libavcodec-dev libavutil-dev
  # packaging: man pages from --help, PNG icons from the SVG, the .deb's dependencies (dpkg-shlibdeps)
  help2man librsvg2-bin dpkg-dev
  # tests
  doctest-dev sqlite3 xvfb xauth libgl1-mesa-dri ffmpeg chromium xdotool desktop-file-utils man-db
  # the user guide's screenshots (docs/make-screenshots.sh)
  pngquant
  # sanitizer and fuzz checks (build/checks): clang 14 with its ASan/UBSan/TSan and libFuzzer runtimes
  clang-14 libclang-rt-14-dev
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "installing: ${missing[*]}" >&2
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
