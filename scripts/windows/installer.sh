#!/usr/bin/env bash
# The NSIS installer, built with makensis on Linux and tried under Wine the way an operator
# meets it: silent install of an "older" version, a package scanned with it, the current
# version installed over it (upgrade), the program run, then uninstalled. The data folder
# and every page of the package must survive each step; the program files and the
# Start-menu entries must come and go.
#   bash scripts/windows/installer.sh PROJECT_DIR BUNDLE_DIR OUT_DIR
# Ship builds: the same makensis line without -DFAST (LZMA, smaller, slower to build).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
SRC=$(cd "$1" && pwd) DIST=$(cd "$2" && pwd) OUT=$3
# shellcheck source=env.sh
. "$HERE/env.sh"
fail() { echo "installer: FAILED: $*" >&2; exit 1; }
VERSION=$(cd "$SRC" && .venv/bin/python -c \
  'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')
rm -rf "$OUT"; mkdir -p "$OUT"
build() {  # version, output
  makensis -V2 -DFAST -DVERSION="$1" -DDIST="$DIST" -DOUTFILE="$2" \
    "$SRC/packaging/windows/installer.nsi" || fail "makensis $1"
}
(cd "$SRC" && build 0.0.1 "$OUT/ScanStation-0.0.1-setup.exe" && \
  build "$VERSION" "$OUT/ScanStation-$VERSION-setup.exe")
ls -la "$OUT"/*.exe | awk '{print $5, $9}'

unset SCANSTATION_DATA_DIR    # the operator's own data folder, as on a station
PF=$WINEPREFIX/drive_c/Program\ Files/ScanStation
MENU=$WINEPREFIX/drive_c/ProgramData/Microsoft/Windows/Start\ Menu/Programs/ScanStation
DATA=$WINEPREFIX/drive_c/users/$(id -un)/AppData/Local/ScanStation
reg_version() {
  wine reg query 'HKLM\Software\Microsoft\Windows\CurrentVersion\Uninstall\ScanStation' \
    /v DisplayVersion /reg:64 2>/dev/null | tr -d '\r' | awk '/DisplayVersion/ {print $3}'
}
# a previous test run may have left one behind
[ -x "$PF/uninstall.exe" ] && wrun "$PF/uninstall.exe" /S "_?=$(winpath "$PF")" >/dev/null || true
rm -rf "$PF" "$DATA"

wrun "$OUT/ScanStation-0.0.1-setup.exe" /S || fail "install 0.0.1"
[ -f "$PF/scanstation-cli.exe" ] && [ -f "$MENU/ScanStation.lnk" ] || fail "0.0.1 not installed"
[ "$(reg_version)" = 0.0.1 ] || fail "registry: $(reg_version)"
echo "stale" > "$PF/_internal/left-by-0.0.1.txt"   # a file the newer version does not have
SCANSTATION_DEMO_DELAY=0 wrun "$PF/scanstation-cli.exe" --lang en scan --device demo:feeder \
  --package "Аудитория 7" --pages 4 --json > "$OUT/scan-old.json" ||
  { cat "$OUT/scan-old.json"; fail "scan with 0.0.1"; }
snapshot() { (cd "$DATA" && find packages -type f ! -path '*/.thumbnails/*' -print0 |
  LC_ALL=C sort -z | xargs -0 sha256sum); }
before=$(snapshot)
pages=$(grep -c '\.tif$' <<<"$before" || true)
[ "$pages" -ge 4 ] || fail "no pages scanned with 0.0.1: $before"

wrun "$OUT/ScanStation-$VERSION-setup.exe" /S || fail "upgrade to $VERSION"
[ "$(reg_version)" = "$VERSION" ] || fail "registry after upgrade: $(reg_version)"
[ ! -e "$PF/_internal/left-by-0.0.1.txt" ] || fail "the old program files were kept"
[ "$(snapshot)" = "$before" ] || fail "the upgrade changed the package files"
wrun "$PF/scanstation-cli.exe" --lang en info --json > "$OUT/info.json" ||
  { cat "$OUT/info.json"; fail "run after upgrade"; }
SCANSTATION_DEMO_DELAY=0 wrun "$PF/scanstation-cli.exe" --lang en scan --device demo:feeder \
  --package "Аудитория 7" --pages 2 --json > "$OUT/scan-new.json" ||
  { cat "$OUT/scan-new.json"; fail "scan after upgrade"; }
grep -q '"pages": 6' "$OUT/scan-new.json" || { cat "$OUT/scan-new.json"; fail "package lost pages"; }
echo "upgrade 0.0.1 -> $VERSION: $pages pages kept, the package goes on (6 pages)"

after_upgrade=$(snapshot)
wrun "$PF/uninstall.exe" /S "_?=$(winpath "$PF")" || fail "uninstall"
rm -f "$PF/uninstall.exe"; rmdir "$PF" 2>/dev/null || true   # _?= leaves the uninstaller
[ ! -e "$PF/scanstation-cli.exe" ] && [ ! -e "$PF/_internal" ] || fail "program files left"
[ ! -e "$MENU" ] || fail "Start-menu entries left"
[ -z "$(reg_version)" ] || fail "uninstall key left"
[ "$(snapshot)" = "$after_upgrade" ] || fail "the uninstaller touched the data folder"
[ -f "$DATA/scanstation.sqlite3" ] || fail "database gone"
echo "uninstall: program and menu removed; data folder kept ($(wc -l <<<"$after_upgrade") files)"
