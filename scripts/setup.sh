#!/usr/bin/env bash
# Prepares a fresh Debian/Ubuntu machine for ScanStation: system libraries (SANE, zbar,
# Qt's xcb libraries, Xvfb, fonts, zip), then .venv with the project and its dev tools.
# Idempotent and quick on a second run: apt is touched only when something is missing and
# pip only when requirements/linux.lock or pyproject.toml changed since the last install.
set -euo pipefail
cd "$(dirname "$0")/.."

SYSTEM_PACKAGES=(
  libsane1 sane-utils libzbar0
  xvfb xauth fonts-dejavu-core zip unzip
  libegl1 libgl1 libfontconfig1 libglib2.0-0 libdbus-1-3
  libxkbcommon0 libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1
  libxcb-image0 libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-randr0 libxcb-xkb1
  binutils
)

missing=()
if command -v dpkg-query >/dev/null 2>&1; then
  for p in "${SYSTEM_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
fi
if ((${#missing[@]})); then
  echo "setup: installing system packages: ${missing[*]}"
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
      echo "setup: please install as root: apt-get install ${missing[*]}" >&2; exit 1
    fi
  fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  echo "setup: creating .venv"
  "$PYTHON" -m venv .venv
fi
# Exact versions with hashes from requirements/linux.lock (`make lock` refreshes it from
# pyproject's ranges), then the project itself without dependencies or build isolation, so
# nothing is installed unchecked. Redone when the lock or pyproject changed, or when .venv
# drifted from the lock (a package installed or removed by hand).
stamp=".venv/.setup-stamp"
lock=requirements/linux.lock
want="$(cat "$lock" pyproject.toml | sha256sum | cut -d' ' -f1)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ] ||
   ! .venv/bin/python scripts/venv_matches_lock.py "$lock" >/dev/null; then
  echo "setup: installing ScanStation and its locked dependencies into .venv"
  .venv/bin/python -m pip install -q --require-hashes -r "$lock"
  mapfile -t extra < <(.venv/bin/python scripts/venv_matches_lock.py --extra "$lock")
  if ((${#extra[@]})); then
    echo "setup: removing what the lock no longer holds: ${extra[*]}"
    .venv/bin/python -m pip uninstall -q -y "${extra[@]}"
  fi
  .venv/bin/python -m pip install -q --no-deps --no-build-isolation -e .
  .venv/bin/python scripts/venv_matches_lock.py "$lock"
  echo "$want" > "$stamp"
fi
