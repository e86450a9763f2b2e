#!/usr/bin/env bash
# CI step: build the one-folder bundle (or reuse it when nothing it is made of changed) and
# run it the way a station without Python would: empty environment (env -i), no Python on
# PATH, no PYTHONPATH, a throw-away data folder, Qt offscreen, started from another folder.
# Fails when the bundle cannot be built, `--self-check` reports a failure, or the window
# does not start.   SCANSTATION_BUNDLE_REBUILD=1 forces a fresh build.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
app="$root/dist/scanstation/scanstation"
stamp="$root/build/pyinstaller/inputs.sha256"

current=$(bash scripts/build_bundle.sh --fingerprint)
if [ "${SCANSTATION_BUNDLE_REBUILD:-0}" != 1 ] && [ -x "$app" ] && [ -f "$stamp" ] \
   && [ "$(cat "$stamp")" = "$current" ]; then
  echo "bundle: reusing $app (sources unchanged since it was built)"
else
  bash scripts/build_bundle.sh
fi

sandbox=$(mktemp -d "${TMPDIR:-/tmp}/scanstation-bundle-check.XXXXXX")
trap 'rm -rf "$sandbox"' EXIT
mkdir -p "$sandbox/home" "$sandbox/data" "$sandbox/tmp" "$sandbox/empty-path"

run_clean() {
  # Only what a freshly booted station has: no Python anywhere on PATH (an empty folder),
  # no PYTHONPATH/PYTHONHOME, no virtualenv, no SANE_CONFIG_DIR from the test suite.
  (cd "$sandbox" && env -i \
    HOME="$sandbox/home" \
    PATH="$sandbox/empty-path" \
    TMPDIR="$sandbox/tmp" \
    LANG=C.UTF-8 \
    QT_QPA_PLATFORM=offscreen \
    SCANSTATION_DATA_DIR="$sandbox/data" \
    "$app" "$@")
}

echo "== bundle: --self-check"
run_clean --self-check
echo "== bundle: the window starts and quits"
run_clean --quit-after 300
if [ ! -f "$sandbox/data/scanstation.sqlite3" ]; then
  echo "bundle check: the bundle did not create its database" >&2
  exit 1
fi
echo "bundle: OK ($(du -sh "$root/dist/scanstation" | cut -f1))"
