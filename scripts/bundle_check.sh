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

extra_env=()
run_clean() {
  # Only what a freshly booted station has: no Python anywhere on PATH (an empty folder),
  # no PYTHONPATH/PYTHONHOME, no virtualenv, no SANE_CONFIG_DIR from the test suite
  # (the system's /etc/sane.d is used, as on a station), unless extra_env says otherwise.
  (cd "$sandbox" && env -i \
    HOME="$sandbox/home" \
    PATH="$sandbox/empty-path" \
    TMPDIR="$sandbox/tmp" \
    LANG=C.UTF-8 \
    QT_QPA_PLATFORM=offscreen \
    SCANSTATION_DATA_DIR="$sandbox/data" \
    "${extra_env[@]}" \
    "$app" "$@")
}

echo "== bundle: --self-check"
run_clean --self-check
echo "== bundle: the window starts and quits"
run_clean --quit-after 300
echo "== bundle: SANE through the system's libsane (test backend), devices opened in-process"
mkdir -p "$sandbox/sane"
printf 'test\n' > "$sandbox/sane/dll.conf"
printf 'geometry_max 300.0\n' > "$sandbox/sane/test.conf"
extra_env=(SANE_CONFIG_DIR="$sandbox/sane")
devices=$(run_clean --lang en devices --json)
extra_env=()
if ! grep -q '"sane:test:0"' <<<"$devices" || ! grep -q '"resolutions": \[[0-9]' <<<"$devices"; then
  echo "bundle check: the bundle did not list and open SANE's test device:" >&2
  echo "$devices" >&2
  exit 1
fi
echo "sane:test:0 listed and opened"
if [ ! -f "$sandbox/data/scanstation.sqlite3" ]; then
  echo "bundle check: the bundle did not create its database" >&2
  exit 1
fi
echo "bundle: OK ($(du -sh "$root/dist/scanstation" | cut -f1))"
